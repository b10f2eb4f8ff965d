using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>
/// Source-generated serialization of the accounts file.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(StoredAccountsFile))]
internal sealed partial class AccountsJsonContext : JsonSerializerContext
{
}
