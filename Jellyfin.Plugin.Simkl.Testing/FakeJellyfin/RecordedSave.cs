using System;
using MediaBrowser.Model.Entities;

namespace Jellyfin.Plugin.Simkl.Testing.FakeJellyfin;

/// <summary>One user data save as the fake received it.</summary>
public sealed record RecordedSave(Guid UserId, Guid ItemId, UserDataSaveReason Reason, bool Played, DateTime? LastPlayedDate);
