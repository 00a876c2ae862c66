using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Wekeza.Auth.Data;
using Wekeza.Auth.Server;
using Wekeza.ServiceDefaults.Sandbox;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Tests.Data;

public sealed class AuthSeederTests
{
    private const string PortalClientId = "wekeza-portal";
    private const string ServiceClientId = "wekeza-auth";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_portal_may_ask_for_webhooks_manage_on_a_new_stack_and_after_a_restart_of_an_existing_one(bool existing)
    {
        var seeded = await SeedAsync(existingClients: existing);

        var portal = seeded.Clients.Single(client => client.ClientId == PortalClientId);
        Assert.Contains(Permissions.Prefixes.Scope + ScopeCatalog.WebhooksManage, portal.Permissions);
        Assert.Contains(Permissions.Prefixes.Scope + ScopeCatalog.ConsentsManage, portal.Permissions);
        Assert.Contains(Permissions.Prefixes.Scope + ScopeCatalog.AppsManage, portal.Permissions);
        // An existing client is updated with the whole descriptor, which replaces its permissions: the new scope lands.
        Assert.Equal(existing ? "UpdateAsync" : "CreateAsync", portal.How);
    }

    [Fact]
    public async Task No_other_seeded_client_is_given_webhooks_manage()
    {
        var seeded = await SeedAsync(existingClients: false);

        var others = seeded.Clients.Where(client => client.ClientId != PortalClientId).ToList();
        Assert.Contains(others, client => client.ClientId == ServiceClientId);
        Assert.All(others, client => Assert.DoesNotContain(Permissions.Prefixes.Scope + ScopeCatalog.WebhooksManage, client.Permissions));
    }

    [Fact]
    public async Task The_scope_store_gets_webhooks_manage_with_the_api_as_its_audience()
    {
        var seeded = await SeedAsync(existingClients: false);

        var scope = seeded.Scopes.Single(scope => scope.Name == ScopeCatalog.WebhooksManage);
        Assert.Equal([ScopeCatalog.ApiAudience], scope.Resources);
        Assert.Equal("Manage your apps' webhooks", scope.DisplayName);
    }

    [Fact]
    public async Task A_new_stack_gets_every_test_customer_as_a_customer_with_their_bank_subject()
    {
        var (created, roles) = await SeedTestCustomersAsync(existing: []);

        Assert.Equal(TestCustomers.All.Select(p => (p.Subject, p.Email, p.Email, p.Name)),
            created.Select(user => (user.Id, user.Email!, user.UserName!, user.DisplayName)));
        Assert.All(created, user => Assert.True(user.EmailConfirmed));
        Assert.Equal(TestCustomers.All.Select(p => (p.Subject, Roles.Customer.ToUpperInvariant())), roles);
    }

    [Fact]
    public async Task A_stack_seeded_with_the_first_three_test_customers_gets_the_new_ones_and_leaves_the_others_alone()
    {
        var (created, roles) = await SeedTestCustomersAsync(existing: [.. TestCustomers.All.Take(3).Select(p => p.Subject)]);

        Assert.Equal(["david", "grace", "joseph"], created.Select(user => TestCustomers.Find(user.Email!)!.Handle));
        Assert.Equal(created.Select(user => user.Id), roles.Select(role => role.UserId));
    }

    [Fact]
    public async Task Seeding_test_customers_again_creates_no_one()
    {
        var (created, roles) = await SeedTestCustomersAsync(existing: [.. TestCustomers.All.Select(p => p.Subject)]);

        Assert.Empty(created);
        Assert.Empty(roles);
    }

    /// <summary>A user store an <see cref="UserManager{TUser}"/> can create customers in: passwords, emails and roles.</summary>
    public interface ICustomerStore : IUserPasswordStore<WekezaUser>, IUserEmailStore<WekezaUser>, IUserRoleStore<WekezaUser>;

    /// <summary>The seeder with test customers on, against a user store holding <paramref name="existing"/> (by subject).</summary>
    private static async Task<(List<WekezaUser> Created, List<(string UserId, string Role)> Roles)> SeedTestCustomersAsync(IReadOnlyCollection<string> existing)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AuthSeeder.TestCustomersKey] = "true",
        }).Build();

        var (roles, _) = Fake<IRoleStore<IdentityRole>>.Create((method, args) =>
            method == nameof(IRoleStore<IdentityRole>.FindByNameAsync) ? new IdentityRole((string)args[0]!) : null);
        var (users, userCalls) = Fake<ICustomerStore>.Create((method, args) => method switch
        {
            nameof(ICustomerStore.FindByIdAsync) when existing.Contains((string)args[0]!) => new WekezaUser { Id = (string)args[0]! },
            nameof(ICustomerStore.CreateAsync) or nameof(ICustomerStore.UpdateAsync) => IdentityResult.Success,
            nameof(ICustomerStore.GetUserIdAsync) => ((WekezaUser)args[0]!).Id,
            nameof(ICustomerStore.GetUserNameAsync) => ((WekezaUser)args[0]!).UserName,
            nameof(ICustomerStore.GetEmailAsync) => ((WekezaUser)args[0]!).Email,
            _ => null,
        });
        var (scopes, _) = Fake<IOpenIddictScopeManager>.Create();
        var (applications, _) = Fake<IOpenIddictApplicationManager>.Create();

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(roles)
            .AddSingleton<IUserStore<WekezaUser>>(users)
            .AddSingleton(scopes)
            .AddSingleton(applications)
            .AddScoped<AuthSeeder>();
        services.AddIdentityCore<WekezaUser>().AddRoles<IdentityRole>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<AuthSeeder>().SeedAsync(TestContext.Current.CancellationToken);

        return ([.. userCalls.CallsTo(nameof(ICustomerStore.CreateAsync)).Select(args => (WekezaUser)args[0]!)],
            [.. userCalls.CallsTo(nameof(ICustomerStore.AddToRoleAsync)).Select(args => (((WekezaUser)args[0]!).Id, (string)args[1]!))]);
    }

    private sealed record SeededClient(string ClientId, string How, HashSet<string> Permissions);

    private sealed record Seeded(IReadOnlyList<SeededClient> Clients, IReadOnlyList<OpenIddictScopeDescriptor> Scopes);

    /// <summary>
    /// The seeder against stand-ins for authdb: every role exists already, and the first-party clients do when
    /// <paramref name="existingClients"/> (a stack being restarted). What it writes is read back from the calls.
    /// </summary>
    private static async Task<Seeded> SeedAsync(bool existingClients)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{AuthSeeder.PortalSection}:ClientSecret"] = "portal-secret",
            [$"{AuthSeeder.PortalSection}:BaseUrl"] = "https://portal.example/",
            [$"{AuthSeeder.ServiceSection}:ClientSecret"] = "service-secret",
        }).Build();

        var (roles, _) = Fake<IRoleStore<IdentityRole>>.Create((method, args) =>
            method == nameof(IRoleStore<IdentityRole>.FindByNameAsync) ? new IdentityRole((string)args[0]!) : null);
        var (users, _) = Fake<IUserStore<WekezaUser>>.Create();
        var (scopes, scopeCalls) = Fake<IOpenIddictScopeManager>.Create();
        var (applications, applicationCalls) = Fake<IOpenIddictApplicationManager>.Create((method, args) =>
            method == nameof(IOpenIddictApplicationManager.FindByClientIdAsync) && existingClients ? new object() : null);

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(roles)
            .AddSingleton(users)
            .AddSingleton(scopes)
            .AddSingleton(applications)
            .AddScoped<AuthSeeder>();
        services.AddIdentityCore<WekezaUser>().AddRoles<IdentityRole>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<AuthSeeder>().SeedAsync(TestContext.Current.CancellationToken);

        var clients = applicationCalls.Calls
            .Where(call => call.Method is "CreateAsync" or "UpdateAsync")
            .Select(call => (call.Method, Descriptor: call.Args.OfType<OpenIddictApplicationDescriptor>().Single()))
            .Select(call => new SeededClient(call.Descriptor.ClientId!, call.Method, call.Descriptor.Permissions))
            .ToList();
        var seededScopes = scopeCalls.Calls.SelectMany(call => call.Args.OfType<OpenIddictScopeDescriptor>()).ToList();
        return new Seeded(clients, seededScopes);
    }
}
