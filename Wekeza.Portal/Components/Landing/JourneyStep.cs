namespace Wekeza.Portal.Components.Landing;

/// <summary>One step from sign-up to production, as the landing page presents it.</summary>
internal sealed record JourneyStep(string Title, string Detail);
