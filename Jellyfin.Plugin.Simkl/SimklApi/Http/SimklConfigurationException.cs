using System;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>The plugin is not configured well enough to call Simkl (for example, no client id).</summary>
internal sealed class SimklConfigurationException : Exception
{
    public SimklConfigurationException()
    {
    }

    public SimklConfigurationException(string message)
        : base(message)
    {
    }

    public SimklConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
