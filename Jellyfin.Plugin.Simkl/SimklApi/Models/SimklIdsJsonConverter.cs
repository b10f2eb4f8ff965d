using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// Reads an <c>ids</c> object whatever the type of each value (number, string, null, or a nested value, which is
/// skipped), and writes the numeric ids as numbers and the others (<c>imdb</c>, slugs) as strings, as Simkl's
/// request examples do.
/// </summary>
public sealed class SimklIdsJsonConverter : JsonConverter<SimklIds>
{
    // Ids that look numeric but are text by nature, and ids that are never numbers.
    private static readonly FrozenSet<string> TextIds = FrozenSet.ToFrozenSet(
        ["imdb", "slug", "animeplanet", "letterboxd", "traktslug", "zap2it", "crunchyroll", "netflix", "hulu", "offjp", "often", "wikien", "wikijp", "allcin", "ann", "anfo"],
        StringComparer.Ordinal);

    /// <inheritdoc />
    public override SimklIds? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return SimklIds.Empty;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // An "ids" that is not an object carries nothing usable (Simkl sometimes sends []).
            reader.Skip();
            return SimklIds.Empty;
        }

        var ids = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString() ?? string.Empty;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    ids.Add(new(key, reader.GetString() ?? string.Empty));
                    break;
                case JsonTokenType.Number:
                    var text = reader.TryGetInt64(out var number)
                        ? number.ToString(CultureInfo.InvariantCulture)
                        : reader.GetDouble().ToString(CultureInfo.InvariantCulture);
                    ids.Add(new(key, text));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new SimklIds(ids);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SimklIds value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (key, id) in value)
        {
            if (!TextIds.Contains(key) && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                writer.WriteNumber(key, number);
            }
            else
            {
                writer.WriteString(key, id);
            }
        }

        writer.WriteEndObject();
    }
}
