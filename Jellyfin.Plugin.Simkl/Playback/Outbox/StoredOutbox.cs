using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Playback.Outbox;

/// <summary>The outbox file.</summary>
internal sealed record StoredOutbox(int Version, IReadOnlyList<PendingCompletion> Completions);
