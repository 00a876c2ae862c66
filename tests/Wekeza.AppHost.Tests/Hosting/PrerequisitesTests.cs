using Wekeza.AppHost.Hosting;

namespace Wekeza.AppHost.Tests.Hosting;

public sealed class PrerequisitesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wekeza-prereq-").FullName;

    [Fact]
    public void A_program_in_a_search_directory_is_found()
    {
        var program = Path.Combine(_directory, "initdb-test");
        File.WriteAllText(program, "#!/bin/sh\n");

        Assert.Equal(program, Prerequisites.Find(new Requirement("initdb-test", "postgresql", _directory)));
    }

    [Fact]
    public void A_link_that_leads_to_a_program_is_found()
    {
        var program = Path.Combine(_directory, "real-initdb");
        File.WriteAllText(program, "#!/bin/sh\n");
        var link = Path.Combine(_directory, "initdb-test");
        File.CreateSymbolicLink(link, program);

        Assert.Equal(link, Prerequisites.Find(new Requirement("initdb-test", "postgresql", _directory)));
    }

    [Fact]
    public void A_link_left_behind_by_a_removed_package_counts_as_missing()
    {
        File.CreateSymbolicLink(Path.Combine(_directory, "initdb-test"), "/usr/lib/postgresql/0/bin/initdb-gone");

        Assert.Null(Prerequisites.Find(new Requirement("initdb-test", "postgresql", _directory)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
