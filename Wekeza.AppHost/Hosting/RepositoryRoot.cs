namespace Wekeza.AppHost.Hosting;

/// <summary>Finds the repository root (the folder holding Wekeza.sln) from wherever the AppHost was started.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Wekeza.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find Wekeza.sln above the AppHost; set AppHost:DataDirectory explicitly.");
    }
}
