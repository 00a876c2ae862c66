using System.Reflection;

namespace Wekeza.Auth.Tests;

/// <summary>
/// A stand-in for an interface too wide to implement by hand (OpenIddict's managers, Identity's stores, Redis): every
/// call is recorded and answered by <see cref="Answer"/> from the method's name and arguments. An answer is wrapped in
/// the task the method returns; no answer is the default, or a completed task of it.
/// </summary>
public class Fake<T> : DispatchProxy where T : class
{
    public List<(string Method, object?[] Args)> Calls { get; } = [];

    public Func<string, object?[], object?> Answer { get; set; } = (_, _) => null;

    public static (T Object, Fake<T> Fake) Create(Func<string, object?[], object?>? answer = null)
    {
        var proxy = DispatchProxy.Create<T, Fake<T>>();
        var fake = (Fake<T>)(object)proxy;
        fake.Answer = answer ?? fake.Answer;
        return (proxy, fake);
    }

    /// <summary>The arguments of every call to <paramref name="method"/>, in order.</summary>
    public IEnumerable<object?[]> CallsTo(string method) => Calls.Where(call => call.Method == method).Select(call => call.Args);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = targetMethod!;
        Calls.Add((method.Name, args ?? []));
        return Wrap(method.ReturnType, Answer(method.Name, args ?? []));
    }

    private static object? Wrap(Type type, object? value)
    {
        if (type == typeof(void))
        {
            return null;
        }

        if (value is not null && type.IsInstanceOfType(value))
        {
            return value;
        }

        if (type == typeof(Task))
        {
            return Task.CompletedTask;
        }

        if (type == typeof(ValueTask))
        {
            return default(ValueTask);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var result = type.GetGenericArguments()[0];
            return typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(result).Invoke(null, [value ?? Default(result)]);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            // default(ValueTask<TResult>) is a completed task of default(TResult).
            return value is null ? Activator.CreateInstance(type) : Activator.CreateInstance(type, value);
        }

        return value ?? Default(type);
    }

    private static object? Default(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;
}
