using System;
using System.Collections.Generic;
using Jellyfin.Data.Enums;

namespace Jellyfin.Plugin.Simkl.Testing.FakeJellyfin;

/// <summary>One library query as the fake received it.</summary>
public sealed record RecordedQuery(
    string Method,
    IReadOnlyList<BaseItemKind> Types,
    int? StartIndex,
    int? Limit,
    int ItemIdCount,
    Guid? UserId,
    IReadOnlyDictionary<string, string>? HasAnyProviderId,
    int Answered);
