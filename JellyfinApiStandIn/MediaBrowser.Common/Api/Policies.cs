namespace MediaBrowser.Common.Api;

// The values are compiled into [Authorize(Policy = ...)] attributes: each must equal the server's exactly.
public static class Policies
{
    public const string FirstTimeSetupOrElevated = "FirstTimeSetupOrElevated";

    public const string RequiresElevation = "RequiresElevation";

    public const string LocalAccessOnly = "LocalAccessOnly";
}
