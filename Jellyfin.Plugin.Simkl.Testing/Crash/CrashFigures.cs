using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Jellyfin.Plugin.Simkl.Testing.Simulation;

namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>What the crash test counted, and an account of every watch it found lost or recorded twice.</summary>
public sealed class CrashFigures
{
    public int Kills { get; set; }

    public Dictionary<CrashKillKind, int> KillsByKind { get; } = [];

    /// <summary>Gets or sets the kills that hit a child holding a write Simkl had already answered.</summary>
    public int KillsAfterSimklAnswered { get; set; }

    /// <summary>Gets or sets the kills with at least one write on its way to Simkl or back.</summary>
    public int KillsDuringWrites { get; set; }

    /// <summary>Gets or sets the kills proven to land inside an outbox write (its temporary file was left behind).</summary>
    public int KillsDuringOutboxWrites { get; set; }

    public int Children { get; set; }

    public int Playbacks { get; set; }

    /// <summary>Gets or sets how many playbacks were cut by a kill before their stop and played again.</summary>
    public int PlayedAgain { get; set; }

    public int CompletionsExpected { get; set; }

    public int CompletionsRecorded { get; set; }

    public int Lost => CompletionsExpected - CompletionsRecorded;

    public int RecordedTwice { get; set; }

    /// <summary>Gets or sets watches Simkl holds for playbacks that stopped below the user's threshold.</summary>
    public int RecordedWithoutWatch { get; set; }

    /// <summary>Gets or sets stops the child died handling (their watch need not have reached the disk): at most once each.</summary>
    public int StopsCutByKill { get; set; }

    public int StopsCutByKillRecorded { get; set; }

    public int ByScrobble { get; set; }

    public int ByHistory { get; set; }

    public int LockViolations { get; set; }

    public TimeSpan WallClock { get; set; }

    /// <summary>Gets one paragraph per watch lost or recorded twice: the playback, the children and kills it went through, and Simkl's requests for it.</summary>
    public List<string> Problems { get; } = [];

    public bool Clean => Lost == 0 && RecordedTwice == 0 && RecordedWithoutWatch == 0;

    public string ToTable(string title)
    {
        string N(int value) => value.ToString(CultureInfo.InvariantCulture);
        int Kind(CrashKillKind kind) => KillsByKind.GetValueOrDefault(kind);
        return TextTable.Format(
            title,
            ["Figure", "Value", "Target"],
            [
                ["Kills (SIGKILL) / child processes", $"{N(Kills)} / {N(Children)}", ">= 200 kills (full run)"],
                ["  at a random time / at a write / in an outbox write", $"{N(Kind(CrashKillKind.RandomTime))} / {N(Kind(CrashKillKind.CrashPoint))} / {N(Kind(CrashKillKind.OutboxWrite))}", string.Empty],
                ["Kills with a write in flight", N(KillsDuringWrites), string.Empty],
                ["  of which after Simkl recorded it, before the plugin read the answer", N(KillsAfterSimklAnswered), string.Empty],
                ["Kills inside an outbox write (temporary file left behind)", N(KillsDuringOutboxWrites), string.Empty],
                ["Playbacks / plays cut by a kill and started over", $"{N(Playbacks)} / {N(PlayedAgain)}", string.Empty],
                ["Completions expected", N(CompletionsExpected), string.Empty],
                ["Completions recorded", N(CompletionsRecorded), "all"],
                ["Lost", N(Lost), "0"],
                ["Recorded twice", N(RecordedTwice), "0"],
                ["Recorded without a watch", N(RecordedWithoutWatch), "0"],
                ["Stops cut by a kill while being handled (recorded)", $"{N(StopsCutByKill)} ({N(StopsCutByKillRecorded)})", "at most once"],
                ["Recorded by scrobble stop / by history", $"{N(ByScrobble)} / {N(ByHistory)}", string.Empty],
                ["Writes refused by Simkl's 20 s lock", N(LockViolations), "0"],
                ["Wall-clock time of this run", WallClock.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s", string.Empty],
            ]) + (Problems.Count == 0 ? string.Empty : Environment.NewLine + string.Join(Environment.NewLine, Problems.Take(20)) + Environment.NewLine);
    }
}
