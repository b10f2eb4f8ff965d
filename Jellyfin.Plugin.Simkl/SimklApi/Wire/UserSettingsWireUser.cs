namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

internal sealed record UserSettingsWireUser(string? Name);
