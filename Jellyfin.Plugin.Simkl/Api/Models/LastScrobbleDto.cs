using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>The latest thing the tracker did for a user.</summary>
/// <param name="Time">When.</param>
/// <param name="Item">The item's name.</param>
/// <param name="Action">What was sent (start, pause, stop, markWatched, lookup, ignore).</param>
/// <param name="Outcome">How it went.</param>
/// <param name="ActionText">The action in words ("Marked watched").</param>
/// <param name="OutcomeText">The outcome in words ("Already on Simkl").</param>
public sealed record LastScrobbleDto(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("item")] string Item,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("actionText")] string ActionText,
    [property: JsonPropertyName("outcomeText")] string OutcomeText);
