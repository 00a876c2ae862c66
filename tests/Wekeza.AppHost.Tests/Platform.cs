// These tests drive the Linux-only AppHost (process groups, signals, file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
