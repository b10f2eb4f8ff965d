namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// The answer to one poll of a PIN code.
/// </summary>
/// <param name="Status">The code's state.</param>
/// <param name="Token">The access token, when <see cref="PinPollStatus.Approved"/>.</param>
/// <param name="Message">Simkl's message, when it sent one.</param>
public sealed record PinPollResult(PinPollStatus Status, SimklToken? Token = null, string? Message = null);
