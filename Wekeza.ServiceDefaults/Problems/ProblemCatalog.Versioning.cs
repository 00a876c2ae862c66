namespace Wekeza.ServiceDefaults;

public static partial class ProblemCatalog
{
    public static readonly ProblemType UnsupportedApiVersion = new("unsupported_api_version", 404, "No such API version", false);
    public static readonly ProblemType ApiVersionSunset = new("api_version_sunset", 410, "This API is retired", false);
}
