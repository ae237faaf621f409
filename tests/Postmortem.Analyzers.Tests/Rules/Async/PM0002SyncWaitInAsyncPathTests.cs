using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.CodeFixes;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Async.PM0002SyncWaitInAsyncPathAnalyzer>;
using VerifyFix = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Async.PM0002SyncWaitInAsyncPathAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Async.PM0002SyncWaitInAsyncPathCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Async;

/// <summary>
/// PM0002 Synchronous wait on a task in an async path. One test per shape of RULES.md: what is flagged, what is
/// not, the message for each kind of function, the options, and the code fix. The sources are also the
/// robustness corpus.
/// </summary>
public sealed class PM0002SyncWaitInAsyncPathTests
{
    private const string Consequence = "await it instead: threads blocked this way starve the thread pool under load and deadlock under a synchronization context";

    // ---------------------------------------------------------------- Flags: the waits

    [Fact]
    public Task Flags_ResultInAsyncMethod() => Verify.VerifyAsync(
        Sources.ResultInAsyncMethod,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments(".Result", "'task' completes", "async method 'OrdersService.LoadAsync'"));

    [Fact]
    public Task Flags_MessageNamesTheWaitTheTaskTheMethodAndTheConsequence() => Verify.VerifyAsync(
        Sources.ResultInAsyncMethod,
        expected: Verify.Diagnostic().WithLocation(0).WithMessage("'.Result' blocks a thread until 'task' completes inside async method 'OrdersService.LoadAsync'; " + Consequence));

    [Fact]
    public Task Flags_ResultOfInvocation() => Verify.VerifyAsync(Sources.ResultOfInvocation);

    [Fact]
    public Task Flags_WaitInAsyncMethod() => Verify.VerifyAsync(
        Sources.WaitInAsyncMethod,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments(".Wait()", "'flush' completes", "async method 'AuditLog.WriteAsync'"));

    [Fact]
    public Task Flags_WaitWithTimeout() => Verify.VerifyAsync(
        Sources.WaitWithTimeout,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments(".Wait(...)", "'warmUp' completes", "async method 'CacheWarmer.StartAsync'"));

    [Fact]
    public Task Flags_GetAwaiterGetResult() => Verify.VerifyAsync(
        Sources.GetAwaiterGetResult,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments(".GetAwaiter().GetResult()", "'_repository.FindAsync(id)' completes", "async method 'CustomerService.RenameAsync'"));

    [Fact]
    public Task Flags_ConfiguredAwaiterGetResult() => Verify.VerifyAsync(Sources.ConfiguredAwaiterGetResult);

    [Fact]
    public Task Flags_ValueTaskResultAndGetResult() => Verify.VerifyAsync(Sources.ValueTaskResultAndGetResult);

    [Fact]
    public Task Flags_TaskWaitAll() => Verify.VerifyAsync(
        Sources.TaskWaitAll,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("Task.WaitAll", "all the tasks complete", "async method 'Dashboard.RefreshAsync'"));

    [Fact]
    public Task Flags_TaskWaitAny() => Verify.VerifyAsync(
        Sources.TaskWaitAny,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("Task.WaitAny", "one of the tasks completes", "async method 'Mirrors.FetchAsync'"));

    // ---------------------------------------------------------------- Flags: the async paths

    [Fact]
    public Task Flags_TaskReturningMethodWithoutAsync() => Verify.VerifyAsync(
        Sources.TaskReturningMethod,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments(".Result", "'_inner.GetPriceAsync(sku)' completes", "Task-returning method 'CachedPrices.GetPriceAsync'"));

    [Fact]
    public Task Flags_AsyncLambda() => Verify.VerifyAsync(
        Sources.AsyncLambda,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments(".Result", "'load' completes", "async lambda in 'Scheduler.Schedule'"));

    [Fact]
    public Task Flags_AsyncLocalFunction() => Verify.VerifyAsync(
        Sources.AsyncLocalFunction,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments(".Wait()", "'save' completes", "async local function 'SaveAllAsync' in 'Importer.ImportAsync'"));

    [Fact]
    public Task Flags_AsyncIterator() => Verify.VerifyAsync(Sources.AsyncIterator);

    [Fact]
    public Task Flags_TopLevelStatementsWithAwait() => Program(
            Sources.TopLevelStatementsWithAwait,
            expected: Verify.Diagnostic().WithLocation(0).WithArguments(".Result", "'second' completes", "top-level statements"))
        .RunAsync();

    [Fact]
    public Task Flags_InsideLockInAsyncMethod() => Verify.VerifyAsync(Sources.InsideLockInAsyncMethod);

    [Fact]
    public Task Flags_InCatchFilter() => Verify.VerifyAsync(Sources.CatchFilter);

    [Fact]
    public Task Flags_ResultOfTaskRunTaskOutsideTheDelegate() => Verify.VerifyAsync(Sources.AfterTaskRun);

    [Fact]
    public Task Flags_ResultChecksAnotherTask() => Verify.VerifyAsync(Sources.ResultChecksAnotherTask);

    [Fact]
    public Task Flags_TestCode() => Verify.VerifyAsync(Sources.TestCode, TestReferences.XUnit80);

    // ---------------------------------------------------------------- Does not flag

    [Fact]
    public Task DoesNotFlag_ResultAfterAwait() => Verify.VerifyAsync(Sources.ResultAfterAwait);

    [Fact]
    public Task DoesNotFlag_ResultAfterAwaitedWhenAll() => Verify.VerifyAsync(Sources.ResultAfterAwaitedWhenAll);

    [Fact]
    public Task DoesNotFlag_ResultAfterAwaitedWhenAllOfArray() => Verify.VerifyAsync(Sources.ResultAfterAwaitedWhenAllOfArray);

    [Fact]
    public Task DoesNotFlag_ResultOfAwaitedWhenAny() => Verify.VerifyAsync(Sources.ResultOfAwaitedWhenAny);

    [Fact]
    public Task DoesNotFlag_ResultAfterIsCompletedCheck() => Verify.VerifyAsync(Sources.ResultAfterIsCompletedCheck);

    [Fact]
    public Task DoesNotFlag_ResultAfterIsCompletedSuccessfullyOrStatusCheck() => Verify.VerifyAsync(Sources.ResultAfterStatusCheck);

    [Fact]
    public Task DoesNotFlag_ResultAfterCompletionCheckThroughOwnProperty() => Verify.VerifyAsync(Sources.ResultAfterOwnCompletionProperty);

    [Fact]
    public Task DoesNotFlag_ResultAfterCompletionCheckExtensionMethod() => Verify.VerifyAsync(Sources.ResultAfterCompletionCheckExtension);

    [Fact]
    public Task DoesNotFlag_TaskCreatedComplete() => Verify.VerifyAsync(Sources.TaskCreatedComplete);

    [Fact]
    public Task DoesNotFlag_ContinuationAntecedent() => Verify.VerifyAsync(Sources.ContinuationAntecedent);

    [Fact]
    public Task DoesNotFlag_NestedSynchronousLambda() => Verify.VerifyAsync(Sources.NestedSynchronousLambda);

    [Fact]
    public Task Flags_NestedSynchronousLocalFunctionOnlyWhereTheAsyncPathCallsIt() => Verify.VerifyAsync(
        Sources.NestedSynchronousLocalFunction,
        expected: new DiagnosticResult(Descriptors.PM0002WaitingHelperInAsyncPath).WithLocation(0)
            .WithArguments("Read()", "async method 'Aggregator.SumAsync'", ".Result", "Test0.cs line 10", ""));

    [Fact]
    public Task DoesNotFlag_TaskRunAndStartNew() => Verify.VerifyAsync(Sources.TaskRunAndStartNew);

    [Fact]
    public Task DoesNotFlag_ExpressionTree() => Verify.VerifyAsync(Sources.ExpressionTree);

    [Fact]
    public Task DoesNotFlag_Nameof() => Verify.VerifyAsync(Sources.Nameof);

    [Fact]
    public Task DoesNotFlag_SynchronousMethod() => Verify.VerifyAsync(Sources.SynchronousMethod);

    [Fact]
    public Task DoesNotFlag_TopLevelStatementsWithoutAwait() => Program(Sources.TopLevelStatementsWithoutAwait).RunAsync();

    [Fact]
    public Task DoesNotFlag_ExcludedSymbols() => Verify.VerifyAsync(
        Sources.ExcludedSymbols,
        editorConfig: "postmortem.PM0002.excluded_symbols = T:Legacy.SyncBridge, P:System.Threading.Tasks.Task`1.Result");

    // ---------------------------------------------------------------- Buried in helpers

    [Fact]
    public Task Flags_HelperThatWaits_MessageNamesTheBuriedWait() => Verify.VerifyAsync(
        Sources.BuriedWait,
        expected: new DiagnosticResult(Descriptors.PM0002WaitingHelperInAsyncPath).WithLocation(0).WithMessage(
            "'PriceCache.Get()' blocks a thread inside async method 'PricesController.GetAsync': it waits on a task with '.Result' in Test0.cs line 22 (via 'PriceCache.Load()'); "
            + "make it async and await the task, or the thread pool starves under load and a synchronization context deadlocks"));

    [Fact]
    public Task DoesNotFlag_HelperWaitingOnACompletedTaskOrOffTheAsyncPath() => Verify.VerifyAsync(Sources.BuriedWaitNotReported);

    // ---------------------------------------------------------------- Code fix

    [Fact]
    public Task Fix_ResultBecomesAwait() => VerifyFix.VerifyFixAsync(
        """
        using System.Threading.Tasks;

        public sealed class OrdersService
        {
            public async Task<int> CountAsync(Task<int[]> load)
            {
                await Task.Yield();
                var orders = /* all of them */ [|load.Result|]; // blocks
                return orders.Length;
            }
        }
        """,
        """
        using System.Threading.Tasks;

        public sealed class OrdersService
        {
            public async Task<int> CountAsync(Task<int[]> load)
            {
                await Task.Yield();
                var orders = /* all of them */ await load; // blocks
                return orders.Length;
            }
        }
        """,
        EquivalenceKeys.PM0002Await);

    [Fact]
    public Task Fix_ResultAsReceiverIsParenthesized() => VerifyFix.VerifyFixAsync(
        """
        using System.Threading.Tasks;

        public sealed class Names
        {
            public async Task<int> LengthAsync(Task<string> name)
            {
                await Task.Yield();
                return [|name.Result|].Length;
            }
        }
        """,
        """
        using System.Threading.Tasks;

        public sealed class Names
        {
            public async Task<int> LengthAsync(Task<string> name)
            {
                await Task.Yield();
                return (await name).Length;
            }
        }
        """,
        EquivalenceKeys.PM0002Await);

    [Fact]
    public Task Fix_WaitBecomesAwait() => VerifyFix.VerifyFixAsync(
        """
        using System.Threading.Tasks;

        public sealed class AuditLog
        {
            public async Task WriteAsync(Task flush)
            {
                await Task.Yield();
                [|flush.Wait()|];
            }
        }
        """,
        """
        using System.Threading.Tasks;

        public sealed class AuditLog
        {
            public async Task WriteAsync(Task flush)
            {
                await Task.Yield();
                await flush;
            }
        }
        """,
        EquivalenceKeys.PM0002Await);

    [Fact]
    public Task Fix_GetAwaiterGetResultBecomesAwait() => VerifyFix.VerifyFixAsync(
        """
        using System.Threading.Tasks;

        public sealed class Customers
        {
            public async Task<string> NameAsync(Task<string> lookup)
            {
                await Task.Yield();
                return [|lookup.GetAwaiter().GetResult()|];
            }
        }
        """,
        """
        using System.Threading.Tasks;

        public sealed class Customers
        {
            public async Task<string> NameAsync(Task<string> lookup)
            {
                await Task.Yield();
                return await lookup;
            }
        }
        """,
        EquivalenceKeys.PM0002Await);

    [Fact]
    public Task Fix_ConfiguredGetResultKeepsConfigureAwait() => VerifyFix.VerifyFixAsync(
        """
        using System.Threading.Tasks;

        public sealed class Customers
        {
            public async Task<string> NameAsync(Task<string> lookup)
            {
                await Task.Yield();
                return [|lookup.ConfigureAwait(false).GetAwaiter().GetResult()|];
            }
        }
        """,
        """
        using System.Threading.Tasks;

        public sealed class Customers
        {
            public async Task<string> NameAsync(Task<string> lookup)
            {
                await Task.Yield();
                return await lookup.ConfigureAwait(false);
            }
        }
        """,
        EquivalenceKeys.PM0002Await);

    [Fact]
    public Task Fix_WaitAllBecomesAwaitWhenAll() => VerifyFix.VerifyFixAsync(
        """
        using System.Threading.Tasks;

        public sealed class Dashboard
        {
            public async Task RefreshAsync(Task sales, Task stock)
            {
                await Task.Yield();
                [|Task.WaitAll(sales, stock)|];
            }
        }
        """,
        """
        using System.Threading.Tasks;

        public sealed class Dashboard
        {
            public async Task RefreshAsync(Task sales, Task stock)
            {
                await Task.Yield();
                await Task.WhenAll(sales, stock);
            }
        }
        """,
        EquivalenceKeys.PM0002Await);

    [Fact]
    public Task Fix_WaitAnyWithUnusedIndexBecomesAwaitWhenAny() => VerifyFix.VerifyFixAsync(
        """
        using System.Threading.Tasks;

        public sealed class Mirrors
        {
            public async Task FetchAsync(Task primary, Task secondary)
            {
                await Task.Yield();
                [|Task.WaitAny(primary, secondary)|];
            }
        }
        """,
        """
        using System.Threading.Tasks;

        public sealed class Mirrors
        {
            public async Task FetchAsync(Task primary, Task secondary)
            {
                await Task.Yield();
                await Task.WhenAny(primary, secondary);
            }
        }
        """,
        EquivalenceKeys.PM0002Await);

    [Fact]
    public Task Fix_FollowsConfigureAwaitFalseOfTheMethod() => VerifyFix.VerifyFixAsync(
        """
        using System.Threading.Tasks;

        public sealed class Library
        {
            public async Task<int> TotalAsync(Task<int> first, Task<int> second)
            {
                var a = await first.ConfigureAwait(false);
                return a + [|second.Result|];
            }
        }
        """,
        """
        using System.Threading.Tasks;

        public sealed class Library
        {
            public async Task<int> TotalAsync(Task<int> first, Task<int> second)
            {
                var a = await first.ConfigureAwait(false);
                return a + await second.ConfigureAwait(false);
            }
        }
        """,
        EquivalenceKeys.PM0002Await);

    [Fact]
    public Task Fix_InAsyncLambda() => VerifyFix.VerifyFixAsync(
        """
        using System;
        using System.Threading.Tasks;

        public sealed class Scheduler
        {
            public Func<Task<int>> Schedule(Task<int> load) => async () =>
            {
                await Task.Yield();
                return [|load.Result|];
            };
        }
        """,
        """
        using System;
        using System.Threading.Tasks;

        public sealed class Scheduler
        {
            public Func<Task<int>> Schedule(Task<int> load) => async () =>
            {
                await Task.Yield();
                return await load;
            };
        }
        """,
        EquivalenceKeys.PM0002Await);

    [Fact]
    public Task FixAll_AwaitsEveryWait() => VerifyFix.VerifyFixAsync(
        """
        using System.Threading.Tasks;

        public sealed class Reports
        {
            public async Task<int> BuildAsync(Task<int> header, Task body, Task<int> footer)
            {
                await Task.Yield();
                var h = [|header.Result|];
                [|body.Wait()|];
                return h + [|footer.GetAwaiter().GetResult()|];
            }
        }
        """,
        """
        using System.Threading.Tasks;

        public sealed class Reports
        {
            public async Task<int> BuildAsync(Task<int> header, Task body, Task<int> footer)
            {
                await Task.Yield();
                var h = await header;
                await body;
                return h + await footer;
            }
        }
        """,
        EquivalenceKeys.PM0002Await,
        batchFixedSource: """
        using System.Threading.Tasks;

        public sealed class Reports
        {
            public async Task<int> BuildAsync(Task<int> header, Task body, Task<int> footer)
            {
                await Task.Yield();
                var h = await header;
                await body;
                return h + await footer;
            }
        }
        """);

    [Fact]
    public Task Fix_InTopLevelStatements()
    {
        var test = new VerifyFix.Test(TestReferences.Net80)
        {
            TestCode = """
                using System.Threading.Tasks;

                var first = Task.FromResult(1);
                var second = Task.FromResult(2);
                var a = await first;
                var b = [|second.Result|];
                System.Console.WriteLine(a + b);
                """,
            FixedCode = """
                using System.Threading.Tasks;

                var first = Task.FromResult(1);
                var second = Task.FromResult(2);
                var a = await first;
                var b = await second;
                System.Console.WriteLine(a + b);
                """,
            CodeActionEquivalenceKey = EquivalenceKeys.PM0002Await,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task NoFix_InCatchFilter() => VerifyFix.VerifyNoFixAsync(Sources.CatchFilter, EquivalenceKeys.PM0002Await);

    [Fact]
    public Task NoFix_InsideLock() => VerifyFix.VerifyNoFixAsync(Sources.InsideLockInAsyncMethod, EquivalenceKeys.PM0002Await);

    [Fact]
    public Task NoFix_TaskReturningMethodWithoutAsync() => VerifyFix.VerifyNoFixAsync(Unnumbered(Sources.TaskReturningMethod), EquivalenceKeys.PM0002Await);

    [Fact]
    public Task NoFix_WaitAnyIndexUsed() => VerifyFix.VerifyNoFixAsync(Unnumbered(Sources.TaskWaitAny), EquivalenceKeys.PM0002Await);

    [Fact]
    public Task NoFix_WaitWithTimeout() => VerifyFix.VerifyNoFixAsync(Unnumbered(Sources.WaitWithTimeout), EquivalenceKeys.PM0002Await);

    [Fact]
    public Task NoFix_WaitAllWithTimeout() => VerifyFix.VerifyNoFixAsync(Sources.WaitAllWithTimeout, EquivalenceKeys.PM0002Await);

    // ---------------------------------------------------------------- Helpers

    /// <summary>The source with its numbered location turned into a plain expected diagnostic.</summary>
    private static string Unnumbered(string source) => source.Replace("{|#0:", "[|", StringComparison.Ordinal).Replace("|}", "|]", StringComparison.Ordinal);

    private static Verify.Test Program(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test(TestReferences.Net80) { TestCode = source };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    /// <summary>The sources of the tests above, by shape. Robustness tests reuse them as a corpus of realistic code.</summary>
    public static class Sources
    {
        public const string BuriedWait = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class PricesController(PriceCache cache)
            {
                public async Task<string> GetAsync()
                {
                    await Task.Yield();
                    return {|#0:cache.Get()|};
                }
            }

            public sealed class PriceCache(HttpClient http)
            {
                private string? _prices;

                public string Get() => _prices ??= Load();

                private string Load()
                {
                    var request = http.GetStringAsync("https://prices.example.com");
                    return request.Result;
                }
            }
            """;

        public const string BuriedWaitNotReported = """
            using System.Threading.Tasks;

            public sealed class Settings
            {
                private readonly object _gate = new();

                public async Task<int> RunAsync()
                {
                    var offloaded = await Task.Run(() => Wait());
                    lock (_gate)
                    {
                        Wait();
                    }

                    await Task.Yield();
                    return Completed() + offloaded;
                }

                private static int Wait() => Task.FromResult(1).Result + Task.Run(() => 2).Result;

                private static int Completed()
                {
                    var task = Task.Run(() => 3);
                    return task.IsCompleted ? task.Result : 0;
                }
            }
            """;

        public const string ResultInAsyncMethod = """
            using System.Threading.Tasks;

            public sealed record Order(int Id);

            public sealed class OrdersService
            {
                public async Task<Order> LoadAsync(Task<Order> task)
                {
                    await Task.Yield();
                    var order = {|#0:task.Result|};
                    return order;
                }
            }
            """;

        public const string ResultOfInvocation = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class QuoteClient
            {
                private readonly HttpClient _http;

                public QuoteClient(HttpClient http) => _http = http;

                public async Task<int> QuoteLengthAsync(string url)
                {
                    var body = [|_http.GetStringAsync(url).Result|];
                    await Task.Delay(1);
                    return body.Length;
                }
            }
            """;

        public const string WaitInAsyncMethod = """
            using System.Threading.Tasks;

            public sealed class AuditLog
            {
                public async Task WriteAsync(Task flush)
                {
                    await Task.Yield();
                    {|#0:flush.Wait()|};
                }
            }
            """;

        public const string WaitWithTimeout = """
            using System;
            using System.Threading.Tasks;

            public sealed class CacheWarmer
            {
                public async Task StartAsync(Task warmUp)
                {
                    await Task.Yield();
                    if (!{|#0:warmUp.Wait(TimeSpan.FromSeconds(5))|})
                    {
                        throw new TimeoutException();
                    }
                }
            }
            """;

        public const string GetAwaiterGetResult = """
            using System.Threading.Tasks;

            public interface ICustomerRepository
            {
                Task<Customer?> FindAsync(int id);
                Task SaveAsync(Customer customer);
            }

            public sealed class Customer
            {
                public string Name { get; set; } = "";
            }

            public sealed class CustomerService
            {
                private readonly ICustomerRepository _repository;

                public CustomerService(ICustomerRepository repository) => _repository = repository;

                public async Task RenameAsync(int id, string name)
                {
                    var customer = {|#0:_repository.FindAsync(id).GetAwaiter().GetResult()|};
                    if (customer is null)
                    {
                        return;
                    }

                    customer.Name = name;
                    await _repository.SaveAsync(customer);
                }
            }
            """;

        public const string ConfiguredAwaiterGetResult = """
            using System.Threading.Tasks;

            public sealed class Settings
            {
                public async Task<string> ReadAsync(Task<string> load, Task save)
                {
                    [|save.ConfigureAwait(false).GetAwaiter().GetResult()|];
                    await Task.Yield();
                    return [|load.ConfigureAwait(false).GetAwaiter().GetResult()|];
                }
            }
            """;

        public const string ValueTaskResultAndGetResult = """
            using System.Threading.Tasks;

            public sealed class Counters
            {
                public async ValueTask<int> SumAsync(ValueTask<int> first, ValueTask<int> second, ValueTask done)
                {
                    await Task.Yield();
                    [|done.GetAwaiter().GetResult()|];
                    return [|first.Result|] + [|second.GetAwaiter().GetResult()|];
                }
            }
            """;

        public const string TaskWaitAll = """
            using System.Threading.Tasks;

            public sealed class Dashboard
            {
                public async Task RefreshAsync(Task sales, Task stock)
                {
                    await Task.Yield();
                    {|#0:Task.WaitAll(sales, stock)|};
                }
            }
            """;

        public const string TaskWaitAny = """
            using System.Threading.Tasks;

            public sealed class Mirrors
            {
                public async Task<int> FetchAsync(Task primary, Task secondary)
                {
                    await Task.Yield();
                    var first = {|#0:Task.WaitAny(primary, secondary)|};
                    return first;
                }
            }
            """;

        public const string WaitAllWithTimeout = """
            using System.Threading.Tasks;

            public sealed class Shutdown
            {
                public async Task StopAsync(Task[] workers)
                {
                    await Task.Yield();
                    [|Task.WaitAll(workers, 5000)|];
                }
            }
            """;

        public const string TaskReturningMethod = """
            using System.Threading.Tasks;

            public interface IPrices
            {
                Task<decimal> GetPriceAsync(string sku);
            }

            public sealed class CachedPrices : IPrices
            {
                private readonly IPrices _inner;

                public CachedPrices(IPrices inner) => _inner = inner;

                public Task<decimal> GetPriceAsync(string sku)
                {
                    var price = {|#0:_inner.GetPriceAsync(sku).Result|};
                    return Task.FromResult(price);
                }
            }
            """;

        public const string AsyncLambda = """
            using System;
            using System.Threading.Tasks;

            public sealed class Scheduler
            {
                public Func<Task<int>> Schedule(Task<int> load) => async () =>
                {
                    await Task.Yield();
                    return {|#0:load.Result|};
                };
            }
            """;

        public const string AsyncLocalFunction = """
            using System.Threading.Tasks;

            public sealed class Importer
            {
                public Task ImportAsync(Task save)
                {
                    return SaveAllAsync();

                    async Task SaveAllAsync()
                    {
                        await Task.Yield();
                        {|#0:save.Wait()|};
                    }
                }
            }
            """;

        public const string AsyncIterator = """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Feed
            {
                public async IAsyncEnumerable<string> ReadAsync(IEnumerable<Task<string>> pages)
                {
                    foreach (var page in pages)
                    {
                        await Task.Yield();
                        yield return [|page.Result|];
                    }
                }
            }
            """;

        public const string TopLevelStatementsWithAwait = """
            using System.Threading.Tasks;

            var first = Task.FromResult(1);
            var second = Task.FromResult(2);
            var a = await first;
            var b = {|#0:second.Result|};
            System.Console.WriteLine(a + b);
            """;

        public const string InsideLockInAsyncMethod = """
            using System.Threading.Tasks;

            public sealed class Totals
            {
                private readonly object _gate = new();
                private int _total;

                public async Task AddAsync(Task<int> amount)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        _total += [|amount.Result|];
                    }
                }
            }
            """;

        public const string CatchFilter = """
            using System;
            using System.Threading.Tasks;

            public sealed class Retrier
            {
                public async Task RunAsync(Func<Task> action, Task<bool> isTransient)
                {
                    try
                    {
                        await action();
                    }
                    catch (InvalidOperationException) when ([|isTransient.Result|])
                    {
                        await action();
                    }
                }
            }
            """;

        public const string AfterTaskRun = """
            using System.Threading.Tasks;

            public sealed class Thumbnails
            {
                public async Task<int> RenderAsync(byte[] image)
                {
                    var render = Task.Run(() => image.Length);
                    await Task.Yield();
                    return [|render.Result|];
                }
            }
            """;

        public const string ResultChecksAnotherTask = """
            using System.Threading.Tasks;

            public sealed class Pair
            {
                public async Task<int> SumAsync(Task<int> left, Task<int> right)
                {
                    await left;
                    if (left.IsCompleted)
                    {
                        return left.Result + [|right.Result|];
                    }

                    return 0;
                }
            }
            """;

        public const string TestCode = """
            using System.Threading.Tasks;
            using Xunit;

            public sealed class OrderTests
            {
                [Fact]
                public async Task LoadsOrder()
                {
                    await Task.Yield();
                    var total = [|CountAsync().Result|];
                    if (total != 3)
                    {
                        throw new System.InvalidOperationException("Expected 3.");
                    }
                }

                private static async Task<int> CountAsync()
                {
                    await Task.Yield();
                    return 3;
                }
            }
            """;

        public const string ResultAfterAwait = """
            using System.Threading.Tasks;

            public sealed class Orders
            {
                public async Task<int> CountAsync(Task<int> count)
                {
                    await count;
                    return count.Result;
                }

                public async Task<int> CountConfiguredAsync(Task<int> count)
                {
                    await count.ConfigureAwait(false);
                    return count.GetAwaiter().GetResult();
                }
            }
            """;

        public const string ResultAfterAwaitedWhenAll = """
            using System.Threading.Tasks;

            public sealed class Checkout
            {
                public async Task<decimal> QuoteAsync(Task<decimal> price, Task<decimal> shipping, Task<decimal> tax)
                {
                    await Task.WhenAll(price, shipping).ConfigureAwait(false);
                    await Task.WhenAny(tax);
                    return price.Result + shipping.Result + tax.Result;
                }

                public async Task<string> SummaryAsync(Task<decimal> total, Task<string> currency)
                {
                    await Task.WhenAll([total, currency]);
                    return total.Result + " " + currency.Result;
                }
            }
            """;

        public const string ResultAfterAwaitedWhenAllOfArray = """
            using System.Threading.Tasks;

            public sealed class Inventory
            {
                public async Task<int> TotalAsync(Task<int>[] warehouses)
                {
                    await Task.WhenAll(warehouses);
                    var total = warehouses[0].Result;
                    foreach (var warehouse in warehouses)
                    {
                        total += warehouse.Result;
                    }

                    return total;
                }
            }
            """;

        public const string ResultOfAwaitedWhenAny = """
            using System.Threading.Tasks;

            public sealed class Mirrors
            {
                public async Task<string> FastestAsync(Task<string> primary, Task<string> secondary)
                {
                    var winner = await Task.WhenAny(primary, secondary);
                    var again = (await Task.WhenAny(primary, secondary)).Result;
                    return winner.Result + again;
                }
            }
            """;

        public const string ResultAfterIsCompletedCheck = """
            using System.Threading.Tasks;

            public sealed class CachedValue
            {
                public async ValueTask<int> GetAsync(Task<int> pending)
                {
                    if (pending.IsCompleted)
                    {
                        return pending.Result;
                    }

                    return await pending;
                }
            }
            """;

        public const string ResultAfterStatusCheck = """
            using System.Threading.Tasks;

            public sealed class Probe
            {
                public async Task<int> ReadAsync(Task<int> first, Task<int> second)
                {
                    await Task.Yield();
                    var a = first.IsCompletedSuccessfully ? first.Result : -1;
                    var b = second.Status == TaskStatus.RanToCompletion ? second.GetAwaiter().GetResult() : -1;
                    return a + b;
                }
            }
            """;

        public const string ResultAfterOwnCompletionProperty = """
            using System;
            using System.Threading.Tasks;

            public sealed class CachedValue<T>
            {
                private readonly TaskCompletionSource<T> _value = new();

                public bool HasValue => _value.Task.Status == TaskStatus.RanToCompletion;

                public async Task EvictAsync()
                {
                    await Task.Yield();
                    if (HasValue && _value.Task.Result is IDisposable disposable)
                    {
                        disposable.Dispose();
                    }
                }
            }
            """;

        public const string ResultAfterCompletionCheckExtension = """
            using System.Threading;
            using System.Threading.Tasks;

            public static class TaskCompletion
            {
                public static bool IsCompletedSuccessfully(this Task task) => task.Status == TaskStatus.RanToCompletion;
            }

            public sealed class Connection
            {
                public Connection(string name, CancellationToken token) { }
            }

            public static class SharedConnections
            {
                public static async Task<Connection> CreateShared(Task<string> name, CancellationToken token)
                    => name.IsCompletedSuccessfully()
                        ? new Connection(name.Result, token)
                        : new Connection(await name.ConfigureAwait(false), token);
            }
            """;

        public const string TaskCreatedComplete = """
            using System.Threading.Tasks;

            public sealed class Defaults
            {
                public async Task<int> GetAsync()
                {
                    await Task.Yield();
                    Task.CompletedTask.Wait();
                    return Task.FromResult(42).Result;
                }
            }
            """;

        public const string ContinuationAntecedent = """
            using System.Threading.Tasks;

            public sealed class Pipeline
            {
                public Task<Task<int>> NextAsync(Task<int> previous)
                    => previous.ContinueWith(async done =>
                    {
                        await Task.Yield();
                        return done.Result;
                    });
            }
            """;

        public const string NestedSynchronousLambda = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public sealed class Aggregator
            {
                public async Task<int> SumAsync(List<Task<int>> parts)
                {
                    await Task.Yield();
                    Func<int> first = () => parts[0].Result;
                    return first() + parts.Select(p => p.Result).Sum();
                }
            }
            """;

        public const string NestedSynchronousLocalFunction = """
            using System.Threading.Tasks;

            public sealed class Aggregator
            {
                public async Task<int> SumAsync(Task<int> part)
                {
                    await Task.Yield();
                    return {|#0:Read()|};

                    int Read() => part.Result;
                }
            }
            """;

        public const string TaskRunAndStartNew = """
            using System.Threading.Tasks;

            public sealed class Offloader
            {
                public async Task<int> RunAsync(Task<int> legacy)
                {
                    var a = await Task.Run(() => legacy.Result);
                    var b = await Task.Run(async () =>
                    {
                        await Task.Yield();
                        return legacy.Result;
                    });
                    var c = await Task.Factory.StartNew(() => legacy.GetAwaiter().GetResult());
                    return a + b + c;
                }
            }
            """;

        public const string ExpressionTree = """
            using System;
            using System.Linq.Expressions;
            using System.Threading.Tasks;

            public sealed class Projections
            {
                public async Task<Expression<Func<Task<int>, Task<int>>>> BuildAsync()
                {
                    await Task.Yield();
                    return t => Task.FromResult(t.Result + 1);
                }
            }
            """;

        public const string Nameof = """
            using System.Threading.Tasks;

            public sealed class Logger
            {
                public async Task<string> DescribeAsync(Task<int> task)
                {
                    await Task.Yield();
                    return nameof(task.Result) + nameof(Task<int>.Result);
                }
            }
            """;

        public const string SynchronousMethod = """
            using System.Threading.Tasks;

            public sealed class LegacyBridge
            {
                public int Read(Task<int> task)
                {
                    task.Wait();
                    Task.WaitAll(task);
                    return task.Result + task.GetAwaiter().GetResult();
                }
            }
            """;

        public const string TopLevelStatementsWithoutAwait = """
            using System.Threading.Tasks;

            var value = Task.Run(() => 1).Result;
            System.Console.WriteLine(value);
            """;

        public const string ExcludedSymbols = """
            using System.Threading.Tasks;

            namespace Legacy
            {
                public sealed class SyncBridge
                {
                    public async Task RunAsync(Task work)
                    {
                        await Task.Yield();
                        work.Wait();
                    }
                }

                public sealed class Reader
                {
                    public async Task<int> ReadAsync(Task<int> value)
                    {
                        await Task.Yield();
                        return value.Result;
                    }
                }
            }
            """;
    }
}
