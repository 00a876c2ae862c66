namespace Wekeza;

/// <summary>
/// The names of the app model's resources. The AppHost declares them, the services read their connection strings
/// and service endpoints by them, and the tests look them up by them: one spelling, one place.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string AuthDb = "authdb";
    public const string BankDb = "bankdb";
    public const string Cache = "cache";
    public const string Messaging = "messaging";
    public const string Auth = "auth";
    public const string Api = "api";
    public const string Portal = "portal";
    public const string Workers = "workers";
    public const string Prometheus = "prometheus";
}
