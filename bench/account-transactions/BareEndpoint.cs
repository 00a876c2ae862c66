using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wekeza.Banking.CoreBanking;
using Wekeza.Api.Features.Accounts;
using Wekeza.Api.Features.Shared;
using Wekeza.Consents;

namespace Wekeza.Bench;

/// <summary>
/// The transactions query with nothing around it: a Kestrel app in this process, one route, no authentication, no
/// consent check, no gateway middleware, no telemetry or logging. It reads and answers exactly as the API's endpoint
/// does (<see cref="TransactionQuery"/>, <see cref="StatementPage"/> over <see cref="Ledger.StatementAsync"/>, the same
/// JSON), from a pooled <see cref="BankDbContext"/> on the same bankdb, over HTTPS like the API, so the difference
/// between the two is the API's pipeline.
/// </summary>
internal sealed class BareEndpoint(WebApplication app, Uri baseAddress, X509Certificate2 root) : IAsyncDisposable
{
    public const string Route = "/v1/accounts/{accountId}/transactions";

    /// <summary>The bench's consent has no transaction window; neither has this, so the dates are the API's own.</summary>
    private static readonly ConsentSnapshot NoWindow = new("cns_bare", "bare", null, ConsentStatuses.Authorised, [], [],
        DateTimeOffset.MaxValue, null, null, null);

    public Uri BaseAddress => baseAddress;

    /// <summary>The throwaway certificate authority that signed the endpoint's certificate: trust it (only) to call it.</summary>
    public X509Certificate2 Root => root;

    public static async Task<BareEndpoint> StartAsync(string connectionString)
    {
        var (root, certificate) = CreateCertificates();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration()
            .ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Services.AddRoutingCore();
        builder.Services.AddDbContextPool<BankDbContext>(options => options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure()));
        // ServiceDefaults' JSON conventions, so the body is byte for byte the API's shape.
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });

        var app = builder.Build();
        app.MapGet(Route, TransactionsAsync);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        // Kestrel reports 127.0.0.1; the certificate names localhost, as the stack's do.
        return new BareEndpoint(app, new UriBuilder(address) { Host = "localhost" }.Uri, root);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task<Results<Ok<ListResponse<TransactionResource>>, BadRequest<string>>> TransactionsAsync(
        string accountId, string? limit, string? cursor, BankDbContext db, HttpContext context)
    {
        var (query, problem) = TransactionQuery.Read(accountId, null, null, limit, cursor, NoWindow);
        if (query is null)
        {
            return TypedResults.BadRequest(problem!.Message);
        }

        var page = await StatementPage.ReadAsync(new Ledger(db), accountId, query, context.RequestAborted);
        return TypedResults.Ok(new ListResponse<TransactionResource>([.. page.Lines.Select(TransactionResource.From)],
            new ListLinks(context.Request.GetEncodedUrl(), Link(context, query, page.Next), Link(context, query, page.Prev)),
            new ListMeta(TotalPages: null)));
    }

    private static string? Link(HttpContext context, TransactionQuery query, StatementCursor? cursor) =>
        cursor is null ? null : UriHelper.BuildAbsolute(context.Request.Scheme, context.Request.Host, context.Request.PathBase, context.Request.Path,
            QueryString.Create((KeyValuePair<string, string?>[])[new("limit", query.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("cursor", cursor.Encode())]));

    /// <summary>A CA and a localhost certificate it signs (P-256, like the stack's), in memory for this run only.</summary>
    private static (X509Certificate2 Root, X509Certificate2 Server) CreateCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Wekeza bench bare endpoint CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return (X509CertificateLoader.LoadCertificate(ca.RawData), server);
    }
}
