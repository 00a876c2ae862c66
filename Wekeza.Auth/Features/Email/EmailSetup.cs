using Microsoft.Extensions.Options;

namespace Wekeza.Auth.Features.Email;

internal static class EmailSetup
{
    public static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section);
        var options = builder.Configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();

        if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            builder.Services.AddSingleton<IMailer, SmtpMailer>();
        }
        else
        {
            // Outside Development an unconfigured mailer would silently strand every verification link: refuse to start.
            var directory = options.PickupDirectory;
            if (string.IsNullOrWhiteSpace(directory))
            {
                if (!builder.Environment.IsDevelopment())
                {
                    throw new InvalidOperationException(
                        "Wekeza.Auth sends email and none is configured: set Email:Smtp:Host (and Port, UserName, Password, From), " +
                        "or Email:PickupDirectory to write each message as an .eml file.");
                }

                directory = Path.Combine(Path.GetTempPath(), "wekeza-mail");
            }

            builder.Services.AddSingleton<IMailer>(services => new PickupDirectoryMailer(
                directory, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<PickupDirectoryMailer>>()));
        }

        builder.Services.AddScoped<AccountEmails>();
        builder.Services.AddScoped<AppEmails>();
        return builder;
    }
}
