namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

internal sealed record UserSettingsWireAccount(long? Id);
