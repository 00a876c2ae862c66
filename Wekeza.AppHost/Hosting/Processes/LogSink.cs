namespace Wekeza.AppHost.Hosting.Processes;

/// <summary>
/// Where one resource's output goes: <c>.wekeza/logs/&lt;name&gt;.log</c>, the console with a coloured
/// <c>[name]</c> prefix (unless quiet), and a short tail kept in memory for failure reports.
/// </summary>
public sealed class LogSink : IDisposable
{
    private static readonly ConsoleColor[] Palette =
        [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Magenta, ConsoleColor.Yellow, ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkGreen, ConsoleColor.DarkYellow];

    private static readonly Lock ConsoleGate = new();
    private static int _nextColour;

    private readonly string _prefix;
    private readonly ConsoleColor _colour;
    private readonly bool _toConsole;
    private readonly StreamWriter _file;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();

    public LogSink(string resourceName, string path, bool toConsole, int prefixWidth)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _file.WriteLine($"===== {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz} {resourceName} starting =====");
        _prefix = $"[{resourceName}]".PadRight(prefixWidth + 2);
        _colour = Palette[Interlocked.Increment(ref _nextColour) % Palette.Length];
        _toConsole = toConsole;
        FilePath = path;
    }

    public string FilePath { get; }

    public void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _file.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }

        if (_toConsole)
        {
            lock (ConsoleGate)
            {
                Console.ForegroundColor = _colour;
                Console.Write(_prefix);
                Console.ResetColor();
                Console.WriteLine(line);
            }
        }
    }

    public string Tail()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }
}
