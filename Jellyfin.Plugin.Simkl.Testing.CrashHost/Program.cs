using System;
using Jellyfin.Plugin.Simkl.Testing.Crash;

// The crash test's child: plays a batch of the script through the whole plugin until the parent kills it (see CrashRunner).
return await CrashChild.RunAsync(args, Console.Out);
