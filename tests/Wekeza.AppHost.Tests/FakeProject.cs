using Wekeza.AppHost.Hosting.Resources;

namespace Wekeza.AppHost.Tests;

/// <summary>A project that is never run: for tests of what the app model declares (ports, replicas, configuration).</summary>
internal sealed class FakeProject : IProjectMetadata
{
    public string ProjectPath => "/nowhere/Fake.csproj";

    public string TargetPath => "/nowhere/Fake.dll";
}
