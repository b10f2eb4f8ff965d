using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>The crash test child's command line: where Simkl and the data are, when it starts, what it plays.</summary>
public sealed record CrashChildOptions(Uri SimklUrl, string DataRoot, DateTimeOffset Start, int Seed, IReadOnlyList<int> Playbacks, IReadOnlyList<string> Tokens)
{
    public IReadOnlyList<string> ToArguments() =>
    [
        "--simkl", SimklUrl.ToString(),
        "--data", DataRoot,
        "--start", Start.ToString("O", CultureInfo.InvariantCulture),
        "--seed", Seed.ToString(CultureInfo.InvariantCulture),
        "--playbacks", string.Join(',', Playbacks.Select(p => p.ToString(CultureInfo.InvariantCulture))),
        "--tokens", string.Join(',', Tokens),
    ];

    public static CrashChildOptions Parse(IReadOnlyList<string> args)
    {
        string Value(string name)
        {
            var at = args.ToList().IndexOf(name);
            return at >= 0 && at + 1 < args.Count ? args[at + 1] : throw new ArgumentException("Missing " + name);
        }

        return new CrashChildOptions(
            new Uri(Value("--simkl")),
            Value("--data"),
            DateTimeOffset.Parse(Value("--start"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            int.Parse(Value("--seed"), CultureInfo.InvariantCulture),
            Value("--playbacks").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList(),
            Value("--tokens").Split(',', StringSplitOptions.RemoveEmptyEntries));
    }
}
