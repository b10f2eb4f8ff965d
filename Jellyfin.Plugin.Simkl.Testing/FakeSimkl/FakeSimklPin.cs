using System;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

internal sealed class FakeSimklPin
{
    public required string Code { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? LastPoll { get; set; }

    public FakeSimklUser? ApprovedBy { get; set; }
}
