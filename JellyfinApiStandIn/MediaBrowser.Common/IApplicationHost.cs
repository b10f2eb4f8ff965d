using System;

namespace MediaBrowser.Common;

public interface IApplicationHost
{
    string Name { get; }

    Version ApplicationVersion { get; }

    string ApplicationVersionString { get; }

    string ApplicationUserAgent { get; }
}
