namespace Wekeza.AppHost.Hosting.Resources;

/// <summary>A resource other resources reach through <c>ConnectionStrings:&lt;name&gt;</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>Valid once the resource has started (ports and passwords are assigned then).</summary>
    string ConnectionString { get; }
}

/// <summary>A resource other resources reach through <c>services:&lt;name&gt;:https:0</c> (service discovery).</summary>
public interface IResourceWithServiceEndpoint
{
    string Name { get; }

    string Url { get; }
}

/// <summary>A resource that needs programs installed on the machine.</summary>
public interface IResourceWithRequirements
{
    IEnumerable<Requirement> Requirements { get; }
}

/// <summary>A buildable project the AppHost can run: generated for each project reference (see Projects.g.cs).</summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }

    string TargetPath { get; }
}
