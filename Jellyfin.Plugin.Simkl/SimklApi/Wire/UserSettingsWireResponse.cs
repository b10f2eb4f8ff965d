namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

internal sealed record UserSettingsWireResponse(UserSettingsWireUser? User, UserSettingsWireAccount? Account);
