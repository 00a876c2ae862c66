namespace Wekeza.Portal.Components.Landing;

/// <summary>One thing the platform lets a developer build with, as the landing page presents it.</summary>
internal sealed record Capability(string Title, string Summary, string Icon);
