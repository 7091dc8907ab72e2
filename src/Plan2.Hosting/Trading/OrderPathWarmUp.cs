using System.Reflection;
using System.Runtime.CompilerServices;
using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Accounts;
using Plan2.Grains.Trading.Journal;
using Plan2.Grains.Trading.Orders;
using Plan2.Storage.Orders;

namespace Plan2.Hosting.Trading;

/// <summary>
/// Compiles the order path ahead of need on a cluster silo. After a silo died, its accounts activate on the survivors,
/// and a survivor that had hosted none before paid for compiling the whole path while orders waited: the fault trace
/// (PLAN2_FAULT_TRACE=1) showed an account's journal read take 1.5 s and its first order grain 2.9 s on such a silo
/// (one synchronous 2.4 s turn in the new order grain), against 29 ms and 346 ms on a survivor that already held
/// accounts, under the same load. Compiling here (and reading an empty journal stream, which opens the PostgreSQL
/// pool's first connection) moves that cost to the silo's start, off every order's path.
/// </summary>
public static class OrderPathWarmUp
{
    /// <summary>The code an order and an account rebuild run through, with Orleans' generated codecs and invokers for their contracts.</summary>
    private static readonly string[] Namespaces =
    [
        "Plan2.Abstractions.Trading", "Plan2.Abstractions.MarketData",
        "Plan2.Core.Trading", "Plan2.Core.Risk", "Plan2.Core.Execution", "Plan2.Core.MarketData",
        "Plan2.Grains.Trading", "Plan2.Grains.MarketData",
        "Plan2.Storage.Orders", "Plan2.Hosting.Trading",
    ];

    /// <summary>The assemblies those namespaces live in.</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } =
    [
        typeof(PlaceOrder).Assembly, typeof(AccountLedger).Assembly, typeof(OrderGrain).Assembly,
        typeof(PostgresOrderLog).Assembly, typeof(PostgresOrderJournal).Assembly,
    ];

    /// <summary>A tenant no one can have (tenant ids are letters, digits and '-'): the journal reads it and finds nothing.</summary>
    public const string Tenant = "~warm-up";

    /// <summary>
    /// What was compiled: the types with at least one method compiled, the methods compiled, and those that could not be
    /// compiled alone (left to their first call, as without the warm-up).
    /// </summary>
    public sealed record Compiled(IReadOnlySet<Type> Types, int Methods, int Failed);

    /// <summary>Compiles every concrete, non-generic method of the order path's types (their async state machines included).</summary>
    public static Compiled Compile()
    {
        var types = new HashSet<Type>();
        var (methods, failed) = (0, 0);
        foreach (var type in Assemblies.SelectMany(LoadableTypes).Where(OnOrderPath))
        {
            if (type.ContainsGenericParameters)
                continue;
            const BindingFlags all = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (method.IsAbstract || method.ContainsGenericParameters || method.GetMethodBody() is null)
                    continue;
                try
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    methods++;
                    types.Add(type);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failed++; // compiled on its first call instead, as without the warm-up
                }
            }
        }
        return new Compiled(types, methods, failed);
    }

    /// <summary>Reads an account and an order stream that do not exist: the journal's read path, and a pooled connection, ready.</summary>
    public static async Task ReadJournalAsync(IOrderJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        await journal.ReadAccountAsync(Tenant, "warm-up");
        await journal.ReadStreamAsync(Tenant, "warm-up.1");
    }

    private static bool OnOrderPath(Type type)
    {
        var ns = type.Namespace ?? "";
        if (ns.StartsWith("OrleansCodeGen.", StringComparison.Ordinal))
            ns = ns["OrleansCodeGen.".Length..];
        return Namespaces.Any(n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal));
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
