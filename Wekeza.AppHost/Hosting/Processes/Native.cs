using System.Runtime.InteropServices;

namespace Wekeza.AppHost.Hosting.Processes;

internal static partial class Native
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    public static bool IsRoot => GetEffectiveUserId() == 0;

    /// <summary>Signals every process in the group led by <paramref name="groupId"/>; false when the group is gone.</summary>
    public static bool SignalGroup(int groupId, int signal) => Kill(-groupId, signal) == 0;

    public static bool GroupExists(int groupId) => Kill(-groupId, 0) == 0;
}
