using Microsoft.AspNetCore.Identity;
using Wekeza.Auth.Data;

namespace Wekeza.Auth.Features.Account;

internal static class PeopleSetup
{
    /// <summary>How long the links in verification and password-reset emails work (<c>Auth:Email:LinkLifetime</c>).</summary>
    public const string LinkLifetimeKey = "Auth:Email:LinkLifetime";

    /// <summary>ASP.NET Core Identity in authdb, with rules a bank would accept, and the sign-in cookie.</summary>
    public static IHostApplicationBuilder AddPeople(this IHostApplicationBuilder builder)
    {
        builder.Services.AddIdentity<WekezaUser, IdentityRole>(options =>
            {
                // NIST SP 800-63B: length matters more than composition; we ask for both, and refuse the passwords
                // that lists of breached passwords start with (BankPasswordValidator).
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireUppercase = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireDigit = true;
                options.Password.RequireNonAlphanumeric = false;

                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;

                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;

                // Identity's claims use the names OpenIddict and our tokens use.
                options.ClaimsIdentity.UserIdClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Subject;
                options.ClaimsIdentity.UserNameClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Name;
                options.ClaimsIdentity.RoleClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Role;
                options.ClaimsIdentity.EmailClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Email;
            })
            .AddEntityFrameworkStores<AuthDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<BankPasswordValidator>();

        var linkLifetime = builder.Configuration.GetValue(LinkLifetimeKey, TimeSpan.FromHours(24));
        builder.Services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = linkLifetime);

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "wekeza.auth";
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/login";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });

        builder.Services.AddScoped<AccountLinks>();
        return builder;
    }
}
