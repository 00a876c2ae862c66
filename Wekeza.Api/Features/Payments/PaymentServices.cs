namespace Wekeza.Api.Features.Payments;

internal static class PaymentServices
{
    /// <summary>Payment submission with its Idempotency-Key handling, and the per-payment limits (<c>Payments:Limits</c>).</summary>
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<PaymentLimits>(builder.Configuration.GetSection("Payments:Limits"));
        builder.Services.AddScoped<Idempotency>();
        builder.Services.AddScoped<PaymentSubmission>();
        builder.Services.AddSingleton<PaymentMetrics>();
        builder.Services.AddHostedService<IdempotencyKeySweeper>();
        return builder;
    }
}
