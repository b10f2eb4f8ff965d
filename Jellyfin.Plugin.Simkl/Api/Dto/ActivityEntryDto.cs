using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Dto;

/// <summary>
/// One tracking event on the page.
/// </summary>
/// <param name="Time">When it happened.</param>
/// <param name="Item">What was playing.</param>
/// <param name="Action">What the tracker did (<c>start</c>, <c>pause</c>, <c>stop</c>, <c>markWatched</c>, <c>lookup</c>, <c>ignore</c>).</param>
/// <param name="Outcome">How it ended (<c>succeeded</c>, <c>alreadyRecorded</c>, <c>deferred</c>, <c>notFound</c>, <c>skipped</c>, <c>linkBroken</c>, <c>failed</c>).</param>
/// <param name="Reason">Why, for anything but plain success.</param>
public sealed record ActivityEntryDto(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("item")] string Item,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("reason")] string? Reason);
