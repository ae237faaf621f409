using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Async.PM0001BlockingCallInAsyncPathAnalyzer>;
using VerifyFix = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Async.PM0001BlockingCallInAsyncPathAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Async.PM0001BlockingCallInAsyncPathCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Async;

/// <summary>
/// PM0001 Blocking call in an async path: each family of blocking APIs with the real libraries, the general
/// "parameter-compatible XAsync sibling" rule, every exclusion, the interprocedural form through chains of
/// helpers, options, and the code fix. The sources are also the robustness corpus.
/// </summary>
public sealed class PM0001BlockingCallInAsyncPathTests
{
    private const string Key = Postmortem.Analyzers.CodeFixes.EquivalenceKeys.PM0001AwaitCounterpart;

    private static DiagnosticResult Buried(int location) => new DiagnosticResult(Descriptors.PM0001BlockingHelperInAsyncPath).WithLocation(location);

    // ---------------------------------------------------------------- Flags: the families

    [Fact]
    public Task Flags_FileRead_MessageNamesApiFunctionAndCounterpart() => Verify.VerifyAsync(
        Sources.FileRead,
        expected: Verify.Diagnostic().WithLocation(0).WithMessage(
            "'File.ReadAllText' blocks a thread inside async method 'SettingsStore.LoadAsync'; await 'File.ReadAllTextAsync' instead: "
            + "a thread blocked on I/O is one the thread pool cannot give to other requests, and under load they all queue"));

    [Fact]
    public Task Flags_StreamsReadersAndWriters() => Verify.VerifyAsync(Sources.Streams);

    [Fact]
    public Task Flags_AdoNet() => Verify.VerifyAsync(Sources.AdoNet, TestReferences.Data80);

    [Fact]
    public Task Flags_EntityFrameworkQueriesAndSaveChanges() => Verify.VerifyAsync(Sources.EntityFramework, TestReferences.Data80);

    [Fact]
    public Task Flags_EntityFrameworkCounterpartIsNamed() => Verify.VerifyAsync(
        Sources.EntityFrameworkToList,
        TestReferences.Data80,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("Enumerable.ToList", "async method 'OrderQueries.OpenOrdersAsync'", "EntityFrameworkQueryableExtensions.ToListAsync"));

    [Fact]
    public Task Flags_Dapper() => Verify.VerifyAsync(Sources.Dapper, TestReferences.Data80);

    [Fact]
    public Task Flags_RedisAndDistributedCache() => Verify.VerifyAsync(Sources.RedisAndDistributedCache, TestReferences.Data80);

    [Fact]
    public Task Flags_NetworkingAndMail() => Verify.VerifyAsync(Sources.NetworkingAndMail);

    [Fact]
    public Task Flags_SleepSemaphoreAndProcess() => Verify.VerifyAsync(
        Sources.SleepSemaphoreAndProcess,
        expected:
        [
            Verify.Diagnostic().WithLocation(0).WithArguments("Thread.Sleep", "async method 'Worker.RunAsync'", "Task.Delay"),
            Verify.Diagnostic().WithLocation(1).WithArguments("SemaphoreSlim.Wait", "async method 'Worker.RunAsync'", "SemaphoreSlim.WaitAsync"),
            Verify.Diagnostic().WithLocation(2).WithArguments("Process.WaitForExit", "async method 'Worker.RunAsync'", "Process.WaitForExitAsync"),
        ]);

    [Fact]
    public Task Flags_AnyMethodWithACompatibleAsyncSibling() => Verify.VerifyAsync(
        Sources.CompatibleSibling,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("JsonSerializer.Serialize", "async method 'Exporter.ExportAsync'", "JsonSerializer.SerializeAsync"));

    [Fact]
    public Task Flags_EveryKindOfAsyncPath() => Verify.VerifyAsync(Sources.AsyncPathKinds);

    [Fact]
    public Task Flags_TopLevelStatementsWithAwait()
    {
        var test = new Verify.Test(TestReferences.Net80) { TestCode = Sources.TopLevelStatements };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task Flags_AdditionalSymbolsOption() => Verify.VerifyAsync(
        Sources.AdditionalSymbol,
        editorConfig: "postmortem.PM0001.additional_symbols = M:Legacy.SoapClient.Call(System.String)");

    // ---------------------------------------------------------------- Flags: buried in helpers

    [Fact]
    public Task Flags_HelperThatBlocks_MessageNamesTheBuriedCall() => Verify.VerifyAsync(
        Sources.BuriedOneLevel,
        expected: Buried(0).WithMessage(
            "'SettingsLoader.Load()' blocks a thread inside async method 'SettingsController.GetAsync': it calls 'File.ReadAllText' synchronously in Test0.cs line 19; "
            + "make it async and await it, or the thread pool starves under load"));

    [Fact]
    public Task Flags_HelperThreeCallsDeep_MessageNamesTheChain() => Verify.VerifyAsync(
        Sources.BuriedThreeLevels,
        expected: Buried(0).WithArguments("Report.Build()", "async method 'ReportsController.GetAsync'", "File.ReadAllText", "Test0.cs line 23", " (via 'Report.Collect()' → 'Report.ReadTemplate()')"));

    [Fact]
    public Task Flags_RecursiveHelpers() => Verify.VerifyAsync(
        Sources.BuriedRecursion,
        expected: Buried(0).WithArguments("Tree.Walk()", "async method 'Indexer.IndexAsync'", "File.ReadAllText", "Test0.cs line 22", " (via 'Tree.Visit()')"));

    [Fact]
    public async Task Flags_HelperInAnotherFileOfAPartialClass()
    {
        var test = new Verify.Test(TestReferences.Net80)
        {
            TestState = { Sources = { Sources.PartialFirstFile, Sources.PartialSecondFile } },
        };
        test.ExpectedDiagnostics.Add(Buried(0).WithArguments("Catalog.LoadPrices()", "async method 'Catalog.RefreshAsync'", "File.ReadAllLines", "Test1.cs line 7", ""));
        await test.RunAsync();
    }

    [Fact]
    public Task Flags_GenericHelperConstructorAndPropertyGetter() => Verify.VerifyAsync(Sources.BuriedGenericConstructorAndProperty);

    [Fact]
    public Task Flags_HelperThatQueriesTheDatabase() => Verify.VerifyAsync(Sources.BuriedEntityFramework, TestReferences.Data80);

    // ---------------------------------------------------------------- Does not flag

    [Fact]
    public Task NoDiagnostic_InMemoryStreamsReadersAndWriters() => Verify.VerifyAsync(Sources.InMemory);

    [Fact]
    public Task NoDiagnostic_ColumnStreamOfADataReader() => Verify.VerifyAsync(Sources.DataReaderColumnStream, TestReferences.Data80);

    [Fact]
    public Task NoDiagnostic_ExpressionTreesNameofAndOffloadedWork() => Verify.VerifyAsync(Sources.NotExecutedOrOffloaded);

    [Fact]
    public Task NoDiagnostic_LockBodiesSyncMethodsAndSyncLambdas() => Verify.VerifyAsync(Sources.NotOnAnAsyncPath);

    [Fact]
    public Task NoDiagnostic_StreamOverrideCallingItsOwnSyncMembers() => Verify.VerifyAsync(Sources.StreamOverride);

    [Fact]
    public Task NoDiagnostic_BuiltInExclusions() => Verify.VerifyAsync(Sources.BuiltInExclusions, TestReferences.Data80);

    [Fact]
    public Task NoDiagnostic_CallsThatNeverBlock() => Verify.VerifyAsync(Sources.NeverBlocks);

    [Fact]
    public Task NoDiagnostic_LinqOverCollectionsAndUnknownQueryables() => Verify.VerifyAsync(Sources.NotEntityFramework, TestReferences.Data80);

    [Fact]
    public Task NoDiagnostic_SiblingWithDifferentParameters() => Verify.VerifyAsync(Sources.IncompatibleSibling);

    [Fact]
    public Task NoDiagnostic_AwaitedAsyncCalls() => Verify.VerifyAsync(Sources.AlreadyAsync, TestReferences.Data80);

    [Fact]
    public Task NoDiagnostic_HelpersNotCalledFromAsyncPaths() => Verify.VerifyAsync(Sources.HelpersOffTheAsyncPath);

    [Fact]
    public Task NoDiagnostic_InterfaceAndOverriddenCalls() => Verify.VerifyAsync(Sources.VirtualAndInterfaceCalls);

    [Fact]
    public Task NoDiagnostic_HelperWhoseBlockingCallIsInALambda() => Verify.VerifyAsync(Sources.HelperWithBlockingLambda);

    [Fact]
    public Task NoDiagnostic_ExcludedSymbols() => Verify.VerifyAsync(
        Sources.ExcludedByOption,
        editorConfig: "postmortem.PM0001.excluded_symbols = M:System.IO.File.ReadAllText(System.String), M:Tools.Legacy.Load");

    // ---------------------------------------------------------------- Code fix

    [Fact]
    public Task Fix_AwaitsTheCounterpartPassingTheToken() => VerifyFix.VerifyFixAsync(Sources.FixFileRead, Sources.FixFileReadFixed, Key);

    [Fact]
    public Task Fix_ThreadSleepBecomesTaskDelay() => VerifyFix.VerifyFixAsync(Sources.FixSleep, Sources.FixSleepFixed, Key);

    [Fact]
    public Task Fix_EntityFrameworkAddsTheUsing() => VerifyFix.VerifyFixAsync(Sources.FixEntityFramework, Sources.FixEntityFrameworkFixed, Key, TestReferences.Data80);

    [Fact]
    public Task Fix_KeepsConfigureAwaitStyleAndFixesAll() => VerifyFix.VerifyFixAsync(Sources.FixAll, Sources.FixAllFixed, Key);

    [Fact]
    public Task Fix_NotOfferedWhereAwaitIsIllegalOrNoCompatibleCounterpart() => VerifyFix.VerifyNoFixAsync(Sources.NoFix, Key, TestReferences.Data80);

    /// <summary>Test sources; also the robustness corpus.</summary>
    public static class Sources
    {
        public const string FileRead = """
            using System.IO;
            using System.Threading.Tasks;

            public sealed class SettingsStore
            {
                public async Task<string> LoadAsync(string path)
                {
                    await Task.Yield();
                    return {|#0:File.ReadAllText(path)|};
                }
            }
            """;

        public const string Streams = """
            using System.IO;
            using System.Threading.Tasks;

            public sealed class Uploads
            {
                public async Task CopyAsync(Stream source, Stream destination, TextWriter log, string path)
                {
                    var buffer = new byte[4096];
                    var read = [|source.Read(buffer, 0, buffer.Length)|];
                    [|destination.Write(buffer, 0, read)|];
                    [|destination.Flush()|];
                    [|source.CopyTo(destination)|];
                    using var reader = new StreamReader(File.OpenRead(path));
                    var text = [|reader.ReadToEnd()|];
                    [|log.WriteLine(text)|];
                    [|File.AppendAllText(path, text)|];
                    await Task.CompletedTask;
                }
            }
            """;

        public const string AdoNet = """
            using System.Data.Common;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;
            using Npgsql;

            public sealed class Ledger
            {
                public async Task<int> CountAsync(string connectionString)
                {
                    using var connection = new SqlConnection(connectionString);
                    [|connection.Open()|];
                    using var command = new SqlCommand("select count(*) from ledger", connection);
                    var count = (int)[|command.ExecuteScalar()|]!;
                    [|command.ExecuteNonQuery()|];
                    using var reader = [|command.ExecuteReader()|];
                    while ([|reader.Read()|]) { }
                    [|reader.NextResult()|];
                    await using var postgres = new NpgsqlConnection(connectionString);
                    [|postgres.Open()|];
                    return count;
                }

                public async Task RunAsync(DbCommand command)
                {
                    await Task.Yield();
                    [|command.ExecuteNonQuery()|];
                }
            }
            """;

        public const string EntityFramework = """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public sealed class Order { public int Id { get; set; } public bool Open { get; set; } public decimal Total { get; set; } }
            public sealed class ShopContext : DbContext { public DbSet<Order> Orders => Set<Order>(); }

            public sealed class OrderService(ShopContext db)
            {
                public async Task<decimal> CloseAsync(int id)
                {
                    var order = [|db.Orders.Find(id)|];
                    var first = [|db.Orders.First(o => o.Open)|];
                    var count = [|db.Orders.Count()|];
                    var any = [|db.Orders.AsNoTracking().Any(o => o.Total > 10)|];
                    var query = db.Orders.Where(o => o.Open);
                    var array = [|query.ToArray()|];
                    var total = [|db.Set<Order>().Sum(o => o.Total)|];
                    order!.Open = false;
                    [|db.SaveChanges()|];
                    await Task.Yield();
                    return total + count + array.Length + (any ? 1 : 0) + first.Id;
                }
            }
            """;

        public const string EntityFrameworkToList = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public sealed class Order { public int Id { get; set; } public bool Open { get; set; } }
            public sealed class ShopContext : DbContext { public DbSet<Order> Orders => Set<Order>(); }

            public sealed class OrderQueries(ShopContext db)
            {
                public async Task<List<Order>> OpenOrdersAsync()
                {
                    await Task.Yield();
                    return {|#0:db.Orders.Where(o => o.Open).OrderBy(o => o.Id).ToList()|};
                }
            }
            """;

        public const string Dapper = """
            using System.Data;
            using System.Linq;
            using System.Threading.Tasks;
            using Dapper;

            public sealed class Reports(IDbConnection connection)
            {
                public async Task<int> RunAsync()
                {
                    await Task.Yield();
                    var rows = [|connection.Query<int>("select id from reports")|].ToList();
                    [|connection.Execute("delete from reports where id = @id", new { id = 1 })|];
                    return rows.Count + [|connection.QuerySingle<int>("select 1")|];
                }
            }
            """;

        public const string RedisAndDistributedCache = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Distributed;
            using StackExchange.Redis;

            public sealed class Profiles(IDatabase redis, IDistributedCache cache)
            {
                public async Task<string?> GetAsync(string id)
                {
                    await Task.Yield();
                    var cached = [|redis.StringGet("profile:" + id)|];
                    [|redis.KeyDelete("profile:" + id)|];
                    var text = [|cache.GetString(id)|];
                    [|cache.Set(id, new byte[1], new DistributedCacheEntryOptions())|];
                    [|cache.Remove(id)|];
                    return cached.HasValue ? cached.ToString() : text;
                }
            }
            """;

        public const string NetworkingAndMail = """
            using System.Net;
            using System.Net.Http;
            using System.Net.Mail;
            using System.Net.Sockets;
            using System.Threading.Tasks;

            #pragma warning disable SYSLIB0014
            public sealed class Integrations(HttpClient http)
            {
                public async Task CallAsync(string host, MailMessage mail)
                {
                    await Task.Yield();
                    using var response = [|http.Send(new HttpRequestMessage(HttpMethod.Get, "https://example.com"))|];
                    using var web = new WebClient();
                    var page = [|web.DownloadString("https://example.com")|];
                    using var legacy = [|WebRequest.Create("https://example.com").GetResponse()|];
                    var entry = [|Dns.GetHostEntry(host)|];
                    using var tcp = new TcpClient();
                    [|tcp.Connect(host, 25)|];
                    using var smtp = new SmtpClient(host);
                    [|smtp.Send(mail)|];
                }
            }
            """;

        public const string SleepSemaphoreAndProcess = """
            using System.Diagnostics;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Worker
            {
                private readonly SemaphoreSlim _gate = new(1);

                public async Task RunAsync(Process process)
                {
                    await Task.Yield();
                    {|#0:Thread.Sleep(500)|};
                    {|#1:_gate.Wait()|};
                    {|#2:process.WaitForExit()|};
                    _gate.Release();
                }
            }
            """;

        public const string CompatibleSibling = """
            using System.IO;
            using System.Text.Json;
            using System.Threading.Tasks;

            public sealed record Snapshot(int Version);

            public sealed class Exporter
            {
                public async Task ExportAsync(Stream destination)
                {
                    await Task.Yield();
                    {|#0:JsonSerializer.Serialize(destination, new Snapshot(1))|};
                }
            }
            """;

        public const string AsyncPathKinds = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            public sealed class Jobs
            {
                public Task<string> ReadWithoutAsyncKeyword(string path) => Task.FromResult([|File.ReadAllText(path)|]);

                public async Task LocalFunctionAsync(string path)
                {
                    await Read();

                    async Task Read()
                    {
                        await Task.Yield();
                        [|File.ReadAllBytes(path)|];
                    }
                }

                public Func<string, Task> Handler => async path =>
                {
                    await Task.Yield();
                    [|File.WriteAllText(path, "")|];
                };
            }
            """;

        public const string TopLevelStatements = """
            using System.IO;
            using System.Threading.Tasks;

            await Task.Yield();
            var settings = [|File.ReadAllText("appsettings.json")|];
            System.Console.WriteLine(settings);
            """;

        public const string AdditionalSymbol = """
            using System.Threading.Tasks;

            namespace Legacy
            {
                public sealed class SoapClient
                {
                    public string Call(string action) => action;
                }

                public sealed class Billing(SoapClient client)
                {
                    public async Task<string> ChargeAsync()
                    {
                        await Task.Yield();
                        return [|client.Call("charge")|];
                    }
                }
            }
            """;

        public const string BuriedOneLevel = """
            using System.IO;
            using System.Threading.Tasks;

            public sealed class SettingsController
            {
                private readonly SettingsLoader _loader = new();

                public async Task<string> GetAsync()
                {
                    await Task.Yield();
                    return {|#0:_loader.Load()|};
                }
            }

            public sealed class SettingsLoader
            {
                public string Load()
                {
                    return File.ReadAllText("settings.json");
                }
            }
            """;

        public const string BuriedThreeLevels = """
            using System.IO;
            using System.Threading.Tasks;

            public sealed class ReportsController
            {
                public async Task<string> GetAsync(Report report)
                {
                    await Task.Yield();
                    return {|#0:report.Build()|};
                }
            }

            public sealed class Report
            {
                public string Build() => Collect().Trim();

                private string Collect()
                {
                    var template = ReadTemplate();
                    return template + "!";
                }

                private static string ReadTemplate() => File.ReadAllText("report.html");
            }
            """;

        public const string BuriedRecursion = """
            using System.IO;
            using System.Threading.Tasks;

            public sealed class Indexer
            {
                public async Task IndexAsync(Tree tree)
                {
                    await Task.Yield();
                    {|#0:tree.Walk()|};
                }
            }

            public sealed class Tree
            {
                public Tree[] Children { get; } = [];

                public void Walk()
                {
                    Visit();
                }

                private void Visit() { _ = File.ReadAllText("node"); foreach (var child in Children) { child.Walk(); } }
            }
            """;

        public const string PartialFirstFile = """
            using System.Threading.Tasks;

            public sealed partial class Catalog
            {
                public async Task RefreshAsync()
                {
                    await Task.Yield();
                    var prices = {|#0:LoadPrices()|};
                }
            }
            """;

        public const string PartialSecondFile = """
            using System.IO;

            public sealed partial class Catalog
            {
                private string[] LoadPrices()
                {
                    return File.ReadAllLines("prices.csv");
                }
            }
            """;

        public const string BuriedGenericConstructorAndProperty = """
            using System.IO;
            using System.Text.Json;
            using System.Threading.Tasks;

            public sealed class Startup
            {
                public async Task<object?> RunAsync()
                {
                    await Task.Yield();
                    var config = [|Config.Read<Options>("options.json")|];
                    var cache = [|new DiskCache("cache")|];
                    return [|cache.Contents|];
                }
            }

            public sealed class Options { }

            public static class Config
            {
                public static T? Read<T>(string path) => JsonSerializer.Deserialize<T>(File.ReadAllText(path));
            }

            public sealed class DiskCache
            {
                private readonly string _path;

                public DiskCache(string path)
                {
                    _path = path;
                    File.WriteAllText(path, "");
                }

                public string Contents => File.ReadAllText(_path);
            }
            """;

        public const string BuriedEntityFramework = """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public sealed class Order { public int Id { get; set; } }
            public sealed class ShopContext : DbContext { public DbSet<Order> Orders => Set<Order>(); }

            public sealed class OrdersController(ShopContext db)
            {
                public async Task<int> CountAsync()
                {
                    await Task.Yield();
                    return [|CountOrders()|];
                }

                private int CountOrders() => db.Orders.Count();
            }
            """;

        public const string InMemory = """
            using System.IO;
            using System.Text;
            using System.Text.Json;
            using System.Threading.Tasks;

            public sealed class Formatter
            {
                public async Task<string> FormatAsync(byte[] bytes, string text)
                {
                    await Task.Yield();
                    using var memory = new MemoryStream();
                    memory.Write(bytes, 0, bytes.Length);
                    memory.Flush();
                    using var reader = new StreamReader(new MemoryStream(bytes));
                    var all = reader.ReadToEnd();
                    using var wrapped = new StreamReader(memory);
                    wrapped.ReadToEnd();
                    using var writer = new StringWriter();
                    writer.WriteLine(all);
                    using var lines = new StringReader(text);
                    lines.ReadLine();
                    JsonSerializer.Serialize(memory, all);
                    return writer.ToString();
                }
            }
            """;

        public const string DataReaderColumnStream = """
            using System.Data.Common;
            using System.IO;
            using System.Threading.Tasks;

            public sealed class Bodies
            {
                public async Task<byte[]> ReadBodyAsync(DbDataReader reader)
                {
                    await Task.Yield();
                    var body = reader.GetStream(reader.GetOrdinal("Body"));
                    var copy = new MemoryStream();
                    body.CopyTo(copy);
                    return copy.ToArray() ;
                }
            }
            """;

        public const string NotExecutedOrOffloaded = """
            using System;
            using System.IO;
            using System.Linq.Expressions;
            using System.Threading.Tasks;

            public sealed class Background
            {
                public async Task<string> RunAsync(string path)
                {
                    Expression<Func<string>> tree = () => File.ReadAllText(path);
                    var name = nameof(File.ReadAllText);
                    var offloaded = await Task.Run(() => File.ReadAllText(path));
                    await Task.Factory.StartNew(() => File.WriteAllText(path, offloaded));
                    return name + tree;
                }
            }
            """;

        public const string NotOnAnAsyncPath = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            public sealed class Journal
            {
                private readonly object _gate = new();

                public string ReadSync(string path) => File.ReadAllText(path);

                public async Task AppendAsync(string path, string line)
                {
                    lock (_gate)
                    {
                        File.AppendAllText(path, line);
                    }

                    Func<string> later = () => File.ReadAllText(path);
                    Action<string> write = text => File.WriteAllText(path, text);
                    string Local() => File.ReadAllText(path);
                    await Task.Yield();
                }
            }
            """;

        public const string StreamOverride = """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class CountingStream(Stream inner) : Stream
            {
                public override bool CanRead => true;
                public override bool CanSeek => false;
                public override bool CanWrite => false;
                public override long Length => inner.Length;
                public override long Position { get => inner.Position; set => inner.Position = value; }
                public override void Flush() { }
                public override int Read(byte[] buffer, int offset, int count) => 0;
                public override long Seek(long offset, SeekOrigin origin) => 0;
                public override void SetLength(long value) { }
                public override void Write(byte[] buffer, int offset, int count) { }

                public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
                    => Task.FromResult(Read(buffer, offset, count));

                public override Task FlushAsync(CancellationToken cancellationToken)
                {
                    Flush();
                    return Task.CompletedTask;
                }
            }
            """;

        public const string BuiltInExclusions = """
            using System.Data.Common;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Data.Sqlite;
            using Microsoft.EntityFrameworkCore;

            public sealed class Order { public int Id { get; set; } }
            public sealed class ShopContext : DbContext { public DbSet<Order> Orders => Set<Order>(); }

            public sealed class Maintenance(ShopContext db, IDbContextFactory<ShopContext> factory, CancellationTokenSource cts)
            {
                public async Task RunAsync(DbDataReader reader, DbConnection connection)
                {
                    await Task.Yield();
                    db.Orders.Add(new Order());
                    db.Add(new Order());
                    db.Orders.AddRange(new Order(), new Order());
                    db.Attach(new Order());
                    using var other = factory.CreateDbContext();
                    cts.Cancel();
                    var id = reader.GetFieldValue<int>(0);
                    var empty = reader.IsDBNull(1);
                    connection.Close();
                    using var sqlite = new SqliteConnection("Data Source=:memory:");
                    sqlite.Open();
                    db.Dispose();
                }
            }
            """;

        public const string NeverBlocks = """
            using System;
            using System.IO;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Quiet
            {
                private readonly SemaphoreSlim _gate = new(1);

                public async Task RunAsync(IBufferWriter writer)
                {
                    await Task.Yield();
                    if (_gate.Wait(0)) { _gate.Release(); }
                    _gate.Wait(TimeSpan.Zero);
                    Thread.Sleep(0);
                    Console.WriteLine("started");
                    Console.Out.WriteLine("started");
                    Console.Error.Flush();
                    using var json = new Utf8JsonWriter(new MemoryStream());
                    json.Flush();
                }
            }

            public interface IBufferWriter { }
            """;

        public const string NotEntityFramework = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public sealed class Lists
            {
                public async Task<int> RunAsync(List<int> items, IQueryable<int> unknown)
                {
                    await Task.Yield();
                    var list = items.Where(i => i > 1).ToList();
                    var first = items.First();
                    var fromParameter = unknown.ToList();
                    return list.Count + first + fromParameter.Count + items.AsQueryable().Count();
                }
            }
            """;

        public const string IncompatibleSibling = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            public sealed class Spans
            {
                public async Task WriteAsync(Stream stream, byte[] data)
                {
                    await Task.Yield();
                    stream.Write(data.AsSpan());
                    File.Exists("x");
                    File.Delete("x");
                }
            }
            """;

        public const string AlreadyAsync = """
            using System.IO;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public sealed class Order { public int Id { get; set; } }
            public sealed class ShopContext : DbContext { public DbSet<Order> Orders => Set<Order>(); }

            public sealed class Good(ShopContext db)
            {
                public async Task<int> RunAsync(string path, CancellationToken ct)
                {
                    var text = await File.ReadAllTextAsync(path, ct);
                    var orders = await db.Orders.Where(o => o.Id > 1).ToListAsync(ct);
                    await db.SaveChangesAsync(ct);
                    await Task.Delay(100, ct);
                    return text.Length + orders.Count;
                }
            }
            """;

        public const string HelpersOffTheAsyncPath = """
            using System.IO;
            using System.Threading.Tasks;

            public sealed class Offline
            {
                private readonly object _gate = new();

                public string Sync() => Load();

                public async Task RunAsync()
                {
                    var offloaded = await Task.Run(() => Load());
                    lock (_gate)
                    {
                        Load();
                    }

                    await Task.Yield();
                    Pure();
                }

                private static string Load() => File.ReadAllText("data");

                private static int Pure() => 42;
            }
            """;

        public const string VirtualAndInterfaceCalls = """
            using System.IO;
            using System.Threading.Tasks;

            public interface ISettings { string Load(); }

            public class FileSettings : ISettings
            {
                public virtual string Load() => File.ReadAllText("settings");
            }

            public sealed class CachedSettings : FileSettings
            {
                public override string Load() => "cached";
            }

            public sealed class Consumer(ISettings settings, FileSettings file)
            {
                public async Task<string> RunAsync()
                {
                    await Task.Yield();
                    return settings.Load() + file.Load();
                }
            }
            """;

        public const string HelperWithBlockingLambda = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            public sealed class Deferred
            {
                public async Task RunAsync()
                {
                    await Task.Yield();
                    var reader = MakeReader();
                }

                private static Func<string> MakeReader() => () => File.ReadAllText("data");
            }
            """;

        public const string ExcludedByOption = """
            using System.IO;
            using System.Threading.Tasks;

            namespace Tools
            {
                public static class Legacy
                {
                    public static string Load() => File.ReadAllBytes("x").Length.ToString();
                }

                public sealed class Runner
                {
                    public async Task<string> RunAsync()
                    {
                        await Task.Yield();
                        return File.ReadAllText("x") + Legacy.Load();
                    }
                }
            }
            """;

        public const string FixFileRead = """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class SettingsStore
            {
                public async Task<int> LoadAsync(string path, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    // Read the whole file.
                    var text = [|File.ReadAllText(path)|]; // settings
                    return [|File.ReadAllText(path)|].Length + text.Length;
                }
            }
            """;

        public const string FixFileReadFixed = """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class SettingsStore
            {
                public async Task<int> LoadAsync(string path, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    // Read the whole file.
                    var text = await File.ReadAllTextAsync(path, cancellationToken); // settings
                    return (await File.ReadAllTextAsync(path, cancellationToken)).Length + text.Length;
                }
            }
            """;

        public const string FixSleep = """
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Poller
            {
                public async Task PollAsync(CancellationToken ct)
                {
                    await Task.Yield();
                    [|Thread.Sleep(250)|];
                }
            }
            """;

        public const string FixSleepFixed = """
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Poller
            {
                public async Task PollAsync(CancellationToken ct)
                {
                    await Task.Yield();
                    await Task.Delay(250, ct);
                }
            }
            """;

        public const string FixEntityFramework = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public sealed class Order { public int Id { get; set; } }
            public sealed class ShopContext : Microsoft.EntityFrameworkCore.DbContext { public Microsoft.EntityFrameworkCore.DbSet<Order> Orders => Set<Order>(); }

            public sealed class Orders(ShopContext db)
            {
                public async Task<List<Order>> AllAsync()
                {
                    await Task.Yield();
                    return [|db.Orders.Where(o => o.Id > 0).ToList()|];
                }
            }
            """;

        public const string FixEntityFrameworkFixed = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public sealed class Order { public int Id { get; set; } }
            public sealed class ShopContext : Microsoft.EntityFrameworkCore.DbContext { public Microsoft.EntityFrameworkCore.DbSet<Order> Orders => Set<Order>(); }

            public sealed class Orders(ShopContext db)
            {
                public async Task<List<Order>> AllAsync()
                {
                    await Task.Yield();
                    return await db.Orders.Where(o => o.Id > 0).ToListAsync();
                }
            }
            """;

        public const string FixAll = """
            using System.IO;
            using System.Threading.Tasks;

            public sealed class Copier
            {
                public async Task CopyAsync(Stream from, Stream to, string path)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    [|from.CopyTo(to)|];
                    [|to.Flush()|];
                    [|File.WriteAllText(path, "done")|];
                }
            }
            """;

        public const string FixAllFixed = """
            using System.IO;
            using System.Threading.Tasks;

            public sealed class Copier
            {
                public async Task CopyAsync(Stream from, Stream to, string path)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    await from.CopyToAsync(to).ConfigureAwait(false);
                    await to.FlushAsync().ConfigureAwait(false);
                    await File.WriteAllTextAsync(path, "done").ConfigureAwait(false);
                }
            }
            """;

        public const string NoFix = """
            using System.Data;
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;
            using Dapper;

            public sealed class NoFixes
            {
                public Task<string> NotAsync(string path) => Task.FromResult([|File.ReadAllText(path)|]);

                public async Task<int> DapperAsync(IDbConnection connection)
                {
                    await Task.Yield();
                    return [|connection.Query<int>("select 1")|].Count();
                }
            }
            """;
    }
}
