// The AppHost runs the machine's own server binaries with Unix process groups, signals and file modes: Linux only
// (Debian/Ubuntu packages, see README). Services themselves stay cross-platform.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
