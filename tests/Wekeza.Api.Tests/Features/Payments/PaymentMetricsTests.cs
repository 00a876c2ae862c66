using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Wekeza.Api.Features.Payments;
using Wekeza.Tests;

namespace Wekeza.Api.Tests.Features.Payments;

public sealed class PaymentMetricsTests
{
    [Fact]
    public void An_accepted_payment_is_counted_under_its_apps_environment()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var recorder = new MeterRecorder(PaymentMetrics.MeterName, meters);
        var metrics = new PaymentMetrics(meters);

        metrics.Accepted("sbx_3f2a");
        metrics.Accepted("sbx_3f2a");
        metrics.Accepted("live_3f2a");

        Assert.Equal(2, recorder.Sum("wekeza.payments.accepted", ("environment", "sandbox")));
        Assert.Equal(1, recorder.Sum("wekeza.payments.accepted", ("environment", "production")));
    }
}
