using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>One tracking event of a user.</summary>
/// <param name="Time">When.</param>
/// <param name="Item">The item's name.</param>
/// <param name="Action">What was done.</param>
/// <param name="Outcome">How it went.</param>
/// <param name="Reason">Why, when it did not simply succeed.</param>
/// <param name="ActionText">The action in words ("Marked watched").</param>
/// <param name="OutcomeText">The outcome in words ("Already on Simkl").</param>
public sealed record ActivityDto(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("item")] string Item,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("actionText")] string ActionText,
    [property: JsonPropertyName("outcomeText")] string OutcomeText);
