using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.CodeFixes;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Resources.PM0003HttpClientPerOperationAnalyzer>;
using VerifyFix = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Resources.PM0003HttpClientPerOperationAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Resources.PM0003HttpClientPerOperationCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Resources;

/// <summary>
/// PM0003 HttpClient created per operation. One test per shape of RULES.md: what is flagged, what is not,
/// the message for each frequency, and the options. The sources are also the robustness corpus.
/// </summary>
public sealed class PM0003HttpClientPerOperationTests
{
    // ---------------------------------------------------------------- Flags: per call

    [Fact]
    public Task Flags_CreationInMethodBody() => Verify.VerifyAsync(
        Sources.MethodBody,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient", "on every call of 'WeatherService.GetAsync'"));

    [Fact]
    public Task Flags_CreationInExpressionBodiedMethod() => Verify.VerifyAsync(Sources.ExpressionBodiedMethod);

    [Fact]
    public Task Flags_CreationInPropertyGetter() => Verify.VerifyAsync(
        Sources.PropertyGetter,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient", "on every call of 'ClientSource.Client'"));

    [Fact]
    public Task Flags_CreationInLocalFunction() => Verify.VerifyAsync(
        Sources.LocalFunction,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient", "on every call of local function 'Create' in 'PriceChecker.CheckAsync'"));

    [Fact]
    public Task Flags_CreationInSelectLambda() => Verify.VerifyAsync(
        Sources.SelectLambda,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient", "every time a lambda in 'Crawler.CrawlAsync' runs"));

    [Fact]
    public Task Flags_CreationInTaskRunLambda() => Verify.VerifyAsync(Sources.TaskRunLambda);

    [Fact]
    public Task Flags_CreationInMinimalApiLambda() => Program(
            Sources.MinimalApiLambda,
            TestReferences.AspNetCore80,
            Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient", "every time a lambda in 'top-level statements' runs"))
        .RunAsync();

    [Fact]
    public Task Flags_DerivedHttpClientType() => Verify.VerifyAsync(
        Sources.DerivedType,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("GitHubClient", "on every call of 'RepositoryService.GetReadmeAsync'"));

    [Fact]
    public Task Flags_TargetTypedNew() => Verify.VerifyAsync(Sources.TargetTypedNew);

    [Fact]
    public Task Flags_HandlerCreatedOnTheSpot() => Verify.VerifyAsync(Sources.HandlerCreatedOnTheSpot);

    [Fact]
    public Task Flags_SharedHandlerDisposedWithClient() => Verify.VerifyAsync(Sources.SharedHandlerDisposedWithClient);

    [Fact]
    public Task Flags_LazyCreatedPerCall() => Verify.VerifyAsync(Sources.LazyCreatedPerCall);

    // ---------------------------------------------------------------- Flags: loops

    [Fact]
    public Task Flags_CreationInForLoop() => Verify.VerifyAsync(
        Sources.ForLoop,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient", "on every iteration of a loop in 'Poller.Poll'"));

    [Fact]
    public Task Flags_CreationInForeachLoop() => Verify.VerifyAsync(Sources.ForeachLoop);

    [Fact]
    public Task Flags_CreationInWhileLoop() => Verify.VerifyAsync(Sources.WhileLoop);

    [Fact]
    public Task Flags_CreationInDoLoop() => Verify.VerifyAsync(Sources.DoLoop);

    [Fact]
    public Task Flags_CreationInLoopInMain() => Program(Sources.LoopInMain).RunAsync();

    [Fact]
    public Task Flags_CreationInLoopInTopLevelStatements() => Program(Sources.LoopInTopLevelStatements).RunAsync();

    [Fact]
    public Task Flags_CreationInLoopInStaticConstructor() => Verify.VerifyAsync(Sources.LoopInStaticConstructor);

    [Fact]
    public Task Flags_CreationInLoopInsideLambda() => Verify.VerifyAsync(Sources.LoopInsideLambda);

    // ---------------------------------------------------------------- Flags: per request

    [Fact]
    public Task Flags_ControllerFieldInitializer() => Verify.VerifyAsync(
        Sources.ControllerFieldInitializer,
        TestReferences.AspNetCore80,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient", "for every request handled by 'OrdersController'"));

    [Fact]
    public Task Flags_ControllerConstructor() => Verify.VerifyAsync(Sources.ControllerConstructor, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_ControllerByAttributeFieldInitializer() => Verify.VerifyAsync(Sources.ControllerByAttribute, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_RazorPageModel() => Verify.VerifyAsync(Sources.RazorPageModel, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_SignalRHub() => Verify.VerifyAsync(Sources.SignalRHub, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_StronglyTypedSignalRHub() => Verify.VerifyAsync(Sources.StronglyTypedSignalRHub, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_GrpcServiceConstructor() => Verify.VerifyAsync(Sources.GrpcServiceConstructor, TestReferences.Grpc80);

    [Fact]
    public Task Flags_ActionFilterConstructor() => Verify.VerifyAsync(Sources.ActionFilterConstructor, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_AsyncActionFilterFieldInitializer() => Verify.VerifyAsync(Sources.AsyncActionFilterFieldInitializer, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_EndpointFilterConstructor() => Verify.VerifyAsync(Sources.EndpointFilterConstructor, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_FactoryMiddlewareConstructor() => Verify.VerifyAsync(Sources.FactoryMiddlewareConstructor, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_ConventionMiddlewareInvoke() => Verify.VerifyAsync(Sources.ConventionMiddlewareInvoke, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_LazyFieldInController() => Verify.VerifyAsync(
        Sources.LazyFieldInController,
        TestReferences.AspNetCore80,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient", "for every request handled by 'ReportsController'"));

    [Fact]
    public Task Flags_LazyInitializerOnControllerField() => Verify.VerifyAsync(Sources.LazyInitializerOnControllerField, TestReferences.AspNetCore80);

    [Fact]
    public Task Flags_CoalesceAssignmentToControllerField() => Verify.VerifyAsync(Sources.CoalesceAssignmentToControllerField, TestReferences.AspNetCore80);

    // ---------------------------------------------------------------- Flags: registrations that run per scope or resolution

    [Fact]
    public Task Flags_ScopedAndTransientFactories() => Verify.VerifyAsync(
        Sources.ScopedAndTransientFactories,
        TestReferences.AspNetCore80,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient", "every time a lambda in 'ClientRegistration.AddClients' runs"));

    [Fact]
    public Task Flags_ScopedFactoryInTopLevelStatements() => Program(Sources.ScopedFactoryInTopLevelStatements, TestReferences.AspNetCore80).RunAsync();

    // ---------------------------------------------------------------- Does not flag: created once

    [Fact]
    public Task DoesNotFlag_StaticFieldInitializer() => Verify.VerifyAsync(Sources.StaticFieldInitializer);

    [Fact]
    public Task DoesNotFlag_StaticPropertyInitializer() => Verify.VerifyAsync(Sources.StaticPropertyInitializer);

    [Fact]
    public Task DoesNotFlag_StaticConstructor() => Verify.VerifyAsync(Sources.StaticConstructor);

    [Fact]
    public Task DoesNotFlag_StaticLazy() => Verify.VerifyAsync(Sources.StaticLazy);

    [Fact]
    public Task DoesNotFlag_LazyInitializerOnStaticField() => Verify.VerifyAsync(Sources.LazyInitializerOnStaticField);

    [Fact]
    public Task DoesNotFlag_CoalesceAssignmentToStaticMember() => Verify.VerifyAsync(Sources.CoalesceAssignmentToStaticMember);

    [Fact]
    public Task DoesNotFlag_TypedClientFieldAndConstructor() => Verify.VerifyAsync(Sources.TypedClientFieldAndConstructor);

    [Fact]
    public Task DoesNotFlag_SingletonServiceFieldAndConstructor() => Verify.VerifyAsync(Sources.SingletonServiceFieldAndConstructor, TestReferences.AspNetCore80);

    [Fact]
    public Task DoesNotFlag_ConventionMiddlewareConstructor() => Verify.VerifyAsync(Sources.ConventionMiddlewareConstructor, TestReferences.AspNetCore80);

    [Fact]
    public Task DoesNotFlag_FilterAttributeFieldInitializer() => Verify.VerifyAsync(Sources.FilterAttributeFieldInitializer, TestReferences.AspNetCore80);

    [Fact]
    public Task DoesNotFlag_MainOutsideLoops() => Program(Sources.MainOutsideLoops).RunAsync();

    [Fact]
    public Task DoesNotFlag_TopLevelStatementsOutsideLoops() => Program(Sources.TopLevelStatementsOutsideLoops).RunAsync();

    [Fact]
    public Task DoesNotFlag_StartupConfigureServices() => Verify.VerifyAsync(Sources.StartupConfigureServices, TestReferences.AspNetCore80);

    [Fact]
    public Task DoesNotFlag_ServiceCollectionExtension() => Verify.VerifyAsync(Sources.ServiceCollectionExtension, TestReferences.AspNetCore80);

    [Fact]
    public Task DoesNotFlag_EndpointMappingExtension() => Verify.VerifyAsync(Sources.EndpointMappingExtension, TestReferences.AspNetCore80);

    [Fact]
    public Task DoesNotFlag_SingletonRegistrations() => Verify.VerifyAsync(Sources.SingletonRegistrations, TestReferences.AspNetCore80);

    [Fact]
    public Task DoesNotFlag_HostedServiceFactory() => Verify.VerifyAsync(Sources.HostedServiceFactory, TestReferences.AspNetCore80);

    // ---------------------------------------------------------------- Does not flag: shared handler pool

    [Fact]
    public Task DoesNotFlag_StaticHandlerNotDisposed() => Verify.VerifyAsync(Sources.StaticHandlerNotDisposed);

    [Fact]
    public Task DoesNotFlag_InstanceHandlerNotDisposed() => Verify.VerifyAsync(Sources.InstanceHandlerNotDisposed);

    [Fact]
    public Task DoesNotFlag_HandlerFromHandlerFactory() => Verify.VerifyAsync(Sources.HandlerFromHandlerFactory, TestReferences.AspNetCore80);

    [Fact]
    public Task DoesNotFlag_HandlerParameter() => Verify.VerifyAsync(Sources.HandlerParameter);

    // ---------------------------------------------------------------- Does not flag: no creation, or not executed

    [Fact]
    public Task DoesNotFlag_HttpClientFactoryCreateClient() => Verify.VerifyAsync(Sources.HttpClientFactoryCreateClient, TestReferences.AspNetCore80);

    [Fact]
    public Task DoesNotFlag_TypedClientRegisteredWithAddHttpClient() => Verify.VerifyAsync(Sources.TypedClientRegisteredWithAddHttpClient, TestReferences.AspNetCore80);

    [Fact]
    public Task DoesNotFlag_NameofAndTypeof() => Verify.VerifyAsync(Sources.NameofAndTypeof);

    [Fact]
    public Task DoesNotFlag_ExpressionTree() => Verify.VerifyAsync(Sources.ExpressionTree);

    [Fact]
    public async Task DoesNotFlag_CompilationWithoutSystemNetHttp()
    {
        var test = Library(Sources.OwnHttpClientType);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var httpReference = solution.GetProject(projectId)!.MetadataReferences
                .Single(reference => reference is PortableExecutableReference { FilePath: { } path } && Path.GetFileName(path) == "System.Net.Http.dll");
            return solution.RemoveMetadataReference(projectId, httpReference);
        });
        await test.RunAsync();
    }

    // ---------------------------------------------------------------- Test code

    [Fact]
    public Task DoesNotFlag_XunitFactAndTheory() => Library(Sources.XunitTests, TestReferences.XUnit80, assemblyName: "Contoso.Specs").RunAsync();

    [Fact]
    public Task DoesNotFlag_NUnitTestTestCaseAndFixture() => Library(Sources.NUnitTests, TestReferences.NUnit80, assemblyName: "Contoso.Specs").RunAsync();

    [Fact]
    public Task DoesNotFlag_MSTestTestMethodAndClass() => Library(Sources.MSTestTests, TestReferences.MSTest80, assemblyName: "Contoso.Specs").RunAsync();

    [Fact]
    public Task DoesNotFlag_TestProject() => Library(Sources.TestProjectHelper, TestReferences.XUnit80, assemblyName: "Contoso.Api.Tests").RunAsync();

    [Fact]
    public Task Flags_NonTestCodeInProjectReferencingTestFramework()
        => Library(Sources.NonTestCodeNextToTests, TestReferences.XUnit80, assemblyName: "Contoso.Specs").RunAsync();

    [Fact]
    public Task Flags_ProjectNamedTestsWithoutTestFramework() => Library(
            Sources.MethodBody,
            assemblyName: "Contoso.Tests",
            expected: Verify.Diagnostic().WithLocation(0).WithArguments("HttpClient", "on every call of 'WeatherService.GetAsync'"))
        .RunAsync();

    [Fact]
    public Task Flags_TestCodeWhenIncludeTestsIsSet() => Library(
            Sources.TestCodeIncluded,
            TestReferences.XUnit80,
            assemblyName: "Contoso.Api.Tests",
            editorConfig: "postmortem.include_tests = true")
        .RunAsync();

    // ---------------------------------------------------------------- Browser WebAssembly

    [Fact]
    public Task DoesNotFlag_BrowserWasmRuntimeIdentifier()
        => Library(Sources.MethodBodyUnmarked, globalConfig: "build_property.RuntimeIdentifier = browser-wasm").RunAsync();

    [Fact]
    public Task DoesNotFlag_BlazorWebAssemblyHost() => Program(Sources.BlazorWebAssemblyProgram, TestReferences.BlazorWebAssembly80).RunAsync();

    // ---------------------------------------------------------------- Options

    [Fact]
    public Task DoesNotFlag_ExcludedDerivedClientType()
        => Verify.VerifyAsync(Sources.ExcludedSymbols, editorConfig: "postmortem.PM0003.excluded_symbols = T:MyNs.LegacyClient");

    [Fact]
    public Task DoesNotFlag_ExcludedContainingMethod()
        => Verify.VerifyAsync(Sources.ExcludedContainingMethod, editorConfig: "postmortem.PM0003.excluded_symbols = M:MyNs.Tool.Run, M:MyNs.Tool.Fetch(System.String)");

    [Fact]
    public Task DoesNotFlag_ExcludedContainingType()
        => Verify.VerifyAsync(Sources.ExcludedContainingType, editorConfig: "postmortem.PM0003.excluded_symbols = T:MyNs.Tool");

    [Fact]
    public Task DoesNotFlag_ExcludedMethodWithSeveralParameters()
        => Verify.VerifyAsync(Sources.ExcludedMethodWithSeveralParameters, editorConfig: "postmortem.PM0003.excluded_symbols = M:MyNs.Tool.Fetch(System.String,System.Int32) M:MyNs.Tool.Run");

    [Fact]
    public Task DoesNotFlag_ExcludedConstructor()
        => Verify.VerifyAsync(Sources.ExcludedConstructor, TestReferences.AspNetCore80, editorConfig: "postmortem.PM0003.excluded_symbols = M:MyNs.ReportsController.ctor");

    [Fact]
    public Task DoesNotFlag_ExcludedPropertyAndField()
        => Verify.VerifyAsync(Sources.ExcludedPropertyAndField, TestReferences.AspNetCore80, editorConfig: "postmortem.PM0003.excluded_symbols = P:MyNs.ReportsController.Http, F:MyNs.ReportsController._client");

    [Fact]
    public Task DoesNotFlag_ExcludedNamespace()
        => Verify.VerifyAsync(Sources.ExcludedNamespace, editorConfig: "postmortem.PM0003.excluded_symbols = N:MyNs.Legacy");

    [Fact]
    public Task DoesNotFlag_ExcludedSymbolsFromGlobalConfig()
        => Library(Sources.ExcludedSymbols, globalConfig: "postmortem.PM0003.excluded_symbols = T:MyNs.LegacyClient").RunAsync();

    [Fact]
    public Task Flags_TestCodeWhenIncludeTestsIsSetInGlobalConfig() => Library(
            Sources.TestCodeIncluded,
            TestReferences.XUnit80,
            assemblyName: "Contoso.Api.Tests",
            globalConfig: "postmortem.include_tests = true")
        .RunAsync();

    // ---------------------------------------------------------------- Helpers

    private static Verify.Test Library(
        string source,
        ReferenceAssemblies? references = null,
        string? assemblyName = null,
        string? editorConfig = null,
        string? globalConfig = null,
        params DiagnosticResult[] expected)
    {
        var test = new Verify.Test(references ?? TestReferences.Net80, editorConfig) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        if (assemblyName is not null)
        {
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, assemblyName));
        }

        return test;
    }

    private static Verify.Test Program(string source, ReferenceAssemblies? references = null, params DiagnosticResult[] expected)
    {
        var test = Library(source, references, expected: expected);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test;
    }

    /// <summary>The sources of the tests above, by shape. Robustness tests reuse them as a corpus of realistic code.</summary>
    public static class Sources
    {
        public const string MethodBody = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class WeatherService
            {
                public async Task<string> GetAsync(string url)
                {
                    using var client = {|#0:new HttpClient()|};
                    return await client.GetStringAsync(url);
                }
            }
            """;

        public const string MethodBodyUnmarked = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class WeatherService
            {
                public async Task<string> GetAsync(string url)
                {
                    using var client = new HttpClient();
                    return await client.GetStringAsync(url);
                }
            }
            """;

        public const string ExpressionBodiedMethod = """
            using System;
            using System.Net.Http;

            public sealed class ClientFactory
            {
                public HttpClient Create(Uri baseAddress) => {|PM0003:new HttpClient { BaseAddress = baseAddress }|};
            }
            """;

        public const string PropertyGetter = """
            using System.Net.Http;

            public sealed class ClientSource
            {
                public HttpClient Client => {|#0:new HttpClient()|};

                public HttpClient Other
                {
                    get
                    {
                        return {|PM0003:new HttpClient()|};
                    }
                }
            }
            """;

        public const string LocalFunction = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class PriceChecker
            {
                public async Task<string> CheckAsync(string url)
                {
                    using var client = Create();
                    return await client.GetStringAsync(url);

                    static HttpClient Create() => {|#0:new HttpClient()|};
                }
            }
            """;

        public const string SelectLambda = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Crawler
            {
                public Task<string[]> CrawlAsync(IEnumerable<string> urls)
                    => Task.WhenAll(urls.Select(url => {|#0:new HttpClient()|}.GetStringAsync(url)));
            }
            """;

        public const string TaskRunLambda = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Warmup
            {
                public Task StartAsync(string url) => Task.Run(async () =>
                {
                    using var client = {|PM0003:new HttpClient()|};
                    await client.GetAsync(url);
                });
            }
            """;

        public const string MinimalApiLambda = """
            using System.Net.Http;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.CreateBuilder(args).Build();

            app.MapGet("/weather", async () =>
            {
                using var client = {|#0:new HttpClient()|};
                return await client.GetStringAsync("https://weather.example.com/today");
            });

            app.Run();
            """;

        public const string DerivedType = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class GitHubClient : HttpClient
            {
            }

            public sealed class RepositoryService
            {
                public async Task<string> GetReadmeAsync(string repository)
                {
                    using var client = {|#0:new GitHubClient()|};
                    return await client.GetStringAsync($"https://api.github.com/repos/{repository}/readme");
                }
            }
            """;

        public const string TargetTypedNew = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class StatusProbe
            {
                public async Task<bool> IsUpAsync(string url)
                {
                    using HttpClient client = {|PM0003:new()|};
                    var response = await client.GetAsync(url);
                    return response.IsSuccessStatusCode;
                }
            }
            """;

        public const string HandlerCreatedOnTheSpot = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Downloader
            {
                public async Task<byte[]> DownloadAsync(string url)
                {
                    using var client = {|PM0003:new HttpClient(new HttpClientHandler())|};
                    return await client.GetByteArrayAsync(url);
                }

                public async Task<byte[]> DownloadUndisposedAsync(string url)
                {
                    var client = {|PM0003:new HttpClient(new SocketsHttpHandler(), disposeHandler: false)|};
                    return await client.GetByteArrayAsync(url);
                }
            }
            """;

        public const string SharedHandlerDisposedWithClient = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Downloader
            {
                private static readonly SocketsHttpHandler s_handler = new();
                private readonly HttpMessageHandler _handler = new SocketsHttpHandler();

                public async Task<byte[]> DownloadAsync(string url)
                {
                    using var client = {|PM0003:new HttpClient(s_handler)|};
                    return await client.GetByteArrayAsync(url);
                }

                public async Task<byte[]> DownloadWithInstanceHandlerAsync(string url)
                {
                    using var client = {|PM0003:new HttpClient(_handler, disposeHandler: true)|};
                    return await client.GetByteArrayAsync(url);
                }
            }
            """;

        public const string LazyCreatedPerCall = """
            using System;
            using System.Net.Http;

            public sealed class Checker
            {
                public string Check()
                {
                    var client = new Lazy<HttpClient>(() => {|PM0003:new HttpClient()|});
                    return client.Value.BaseAddress?.ToString() ?? "";
                }
            }
            """;

        public const string ForLoop = """
            using System.Net.Http;

            public sealed class Poller
            {
                public void Poll(string[] urls)
                {
                    for (var i = 0; i < urls.Length; i++)
                    {
                        using var client = {|#0:new HttpClient()|};
                        client.GetAsync(urls[i]).Wait();
                    }
                }
            }
            """;

        public const string ForeachLoop = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Notifier
            {
                public async Task NotifyAsync(IEnumerable<string> webhooks)
                {
                    foreach (var webhook in webhooks)
                    {
                        using var client = {|PM0003:new HttpClient()|};
                        await client.PostAsync(webhook, new StringContent("{}"));
                    }
                }
            }
            """;

        public const string WhileLoop = """
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Heartbeat
            {
                public async Task RunAsync(string url, CancellationToken cancellationToken)
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        using var client = {|PM0003:new HttpClient()|};
                        await client.GetAsync(url, cancellationToken);
                        await Task.Delay(1000, cancellationToken);
                    }
                }
            }
            """;

        public const string DoLoop = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Pager
            {
                public async Task<int> CountPagesAsync(string url)
                {
                    var pages = 0;
                    string? next = url;
                    do
                    {
                        using var client = {|PM0003:new HttpClient()|};
                        var response = await client.GetAsync(next);
                        next = response.Headers.Location?.ToString();
                        pages++;
                    }
                    while (next is not null);

                    return pages;
                }
            }
            """;

        public const string LoopInMain = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task Main(string[] args)
                {
                    foreach (var url in args)
                    {
                        using var client = {|PM0003:new HttpClient()|};
                        await client.GetStringAsync(url);
                    }
                }
            }
            """;

        public const string LoopInTopLevelStatements = """
            using System.Net.Http;

            for (var attempt = 0; attempt < 3; attempt++)
            {
                using var client = {|PM0003:new HttpClient()|};
                await client.GetStringAsync("https://status.example.com");
            }
            """;

        public const string LoopInStaticConstructor = """
            using System.Collections.Generic;
            using System.Net.Http;

            public static class Mirrors
            {
                private static readonly List<HttpClient> s_clients = new();

                static Mirrors()
                {
                    foreach (var name in new[] { "eu", "us", "ap" })
                    {
                        s_clients.Add({|PM0003:new HttpClient()|});
                    }
                }
            }
            """;

        public const string LoopInsideLambda = """
            using System;
            using System.Net.Http;

            public sealed class Jobs
            {
                public Action Build(string[] urls) => () =>
                {
                    foreach (var url in urls)
                    {
                        using var client = {|PM0003:new HttpClient()|};
                        client.GetAsync(url).Wait();
                    }
                };
            }
            """;

        public const string ControllerFieldInitializer = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("orders")]
            public sealed class OrdersController : ControllerBase
            {
                private readonly HttpClient _client = {|#0:new HttpClient()|};

                [HttpGet]
                public async Task<string> Get() => await _client.GetStringAsync("https://inventory.example.com/stock");
            }
            """;

        public const string ControllerConstructor = """
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public sealed class HomeController : Controller
            {
                private readonly HttpClient _client;

                public HomeController()
                {
                    _client = {|PM0003:new HttpClient()|};
                }

                public IActionResult Index() => View();
            }
            """;

        public const string ControllerByAttribute = """
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            [Controller]
            public class Shipping
            {
                private readonly HttpClient _client = {|PM0003:new HttpClient()|};
            }
            """;

        public const string RazorPageModel = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public sealed class IndexModel : PageModel
            {
                private readonly HttpClient _client = {|PM0003:new HttpClient()|};

                public string Forecast { get; private set; } = "";

                public async Task OnGetAsync() => Forecast = await _client.GetStringAsync("https://weather.example.com");
            }
            """;

        public const string SignalRHub = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;

            public sealed class ChatHub : Hub
            {
                private readonly HttpClient _translator;

                public ChatHub()
                {
                    _translator = {|PM0003:new HttpClient()|};
                }

                public async Task Send(string message)
                    => await Clients.All.SendAsync("message", await _translator.GetStringAsync("https://translate.example.com?q=" + message));
            }
            """;

        public const string StronglyTypedSignalRHub = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.SignalR;

            public interface IChatClient
            {
                Task Receive(string message);
            }

            public sealed class ChatHub : Hub<IChatClient>
            {
                private readonly HttpClient _translator = {|PM0003:new HttpClient()|};

                public Task Send(string message) => Clients.All.Receive(message);
            }
            """;

        public const string GrpcServiceConstructor = """
            using System.Net.Http;
            using Grpc.Core;

            namespace Contoso.Protos
            {
                // The shape Grpc.Tools generates for `service Greeter`: the framework binds the base by this attribute.
                public static partial class Greeter
                {
                    [BindServiceMethod(typeof(Greeter), "BindService")]
                    public abstract partial class GreeterBase
                    {
                    }
                }
            }

            namespace Contoso.Services
            {
                public sealed class GreeterService : Contoso.Protos.Greeter.GreeterBase
                {
                    private readonly HttpClient _client;

                    public GreeterService()
                    {
                        _client = {|PM0003:new HttpClient()|};
                    }
                }
            }
            """;

        public const string ActionFilterConstructor = """
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc.Filters;

            public sealed class AuditFilter : IActionFilter
            {
                private readonly HttpClient _client;

                public AuditFilter()
                {
                    _client = {|PM0003:new HttpClient()|};
                }

                public void OnActionExecuting(ActionExecutingContext context)
                {
                }

                public void OnActionExecuted(ActionExecutedContext context)
                {
                }
            }
            """;

        public const string AsyncActionFilterFieldInitializer = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc.Filters;

            public sealed class AuditFilter : IAsyncActionFilter
            {
                private readonly HttpClient _client = {|PM0003:new HttpClient()|};

                public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
                {
                    await _client.PostAsync("https://audit.example.com", new StringContent(context.ActionDescriptor.DisplayName ?? ""));
                    await next();
                }
            }
            """;

        public const string EndpointFilterConstructor = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class QuotaFilter : IEndpointFilter
            {
                private readonly HttpClient _client;

                public QuotaFilter()
                {
                    _client = {|PM0003:new HttpClient()|};
                }

                public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
                {
                    await _client.GetAsync("https://quota.example.com");
                    return await next(context);
                }
            }
            """;

        public const string FactoryMiddlewareConstructor = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class GeoMiddleware : IMiddleware
            {
                private readonly HttpClient _client;

                public GeoMiddleware()
                {
                    _client = {|PM0003:new HttpClient()|};
                }

                public async Task InvokeAsync(HttpContext context, RequestDelegate next)
                {
                    context.Items["country"] = await _client.GetStringAsync("https://geo.example.com");
                    await next(context);
                }
            }
            """;

        public const string ConventionMiddlewareInvoke = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class AuditMiddleware
            {
                private readonly RequestDelegate _next;

                public AuditMiddleware(RequestDelegate next)
                {
                    _next = next;
                }

                public async Task InvokeAsync(HttpContext context)
                {
                    using var client = {|PM0003:new HttpClient()|};
                    await client.PostAsync("https://audit.example.com", new StringContent(context.Request.Path));
                    await _next(context);
                }
            }

            public sealed class LegacyMiddleware
            {
                private readonly RequestDelegate _next;

                public LegacyMiddleware(RequestDelegate next)
                {
                    _next = next;
                }

                public Task Invoke(HttpContext context)
                {
                    var client = {|PM0003:new HttpClient()|};
                    return _next(context);
                }
            }
            """;

        public const string LazyFieldInController = """
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public sealed class ReportsController : ControllerBase
            {
                private readonly Lazy<HttpClient> _client = new(() => {|#0:new HttpClient()|});
            }
            """;

        public const string LazyInitializerOnControllerField = """
            using System.Net.Http;
            using System.Threading;
            using Microsoft.AspNetCore.Mvc;

            public sealed class ReportsController : ControllerBase
            {
                private HttpClient? _client;

                private HttpClient Client => LazyInitializer.EnsureInitialized(ref _client, () => {|PM0003:new HttpClient()|});
            }
            """;

        public const string CoalesceAssignmentToControllerField = """
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            public sealed class ReportsController : ControllerBase
            {
                private HttpClient? _client;

                private HttpClient Client => _client ??= {|PM0003:new HttpClient()|};
            }
            """;

        public const string ScopedAndTransientFactories = """
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class ClientRegistration
            {
                public static IServiceCollection AddClients(this IServiceCollection services)
                {
                    services.AddScoped(_ => {|#0:new HttpClient()|});
                    services.AddTransient<HttpClient>(_ => {|PM0003:new HttpClient()|});
                    services.AddKeyedScoped("github", (_, _) => {|PM0003:new HttpClient()|});
                    services.AddKeyedTransient("gitlab", (_, _) => {|PM0003:new HttpClient()|});
                    return services;
                }
            }
            """;

        public const string ScopedFactoryInTopLevelStatements = """
            using System.Net.Http;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddScoped(_ => {|PM0003:new HttpClient()|});
            builder.Build().Run();
            """;

        public const string StaticFieldInitializer = """
            using System.Net.Http;

            public sealed class WeatherService
            {
                private static readonly HttpClient s_client = new HttpClient();
                private static readonly HttpClient s_pooled = new(new SocketsHttpHandler());
            }
            """;

        public const string StaticPropertyInitializer = """
            using System.Net.Http;

            public static class Clients
            {
                public static HttpClient Shared { get; } = new HttpClient();
            }
            """;

        public const string StaticConstructor = """
            using System;
            using System.Net.Http;

            public static class Clients
            {
                public static readonly HttpClient Shared;

                static Clients()
                {
                    Shared = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                }
            }
            """;

        public const string StaticLazy = """
            using System;
            using System.Net.Http;

            public sealed class WeatherService
            {
                private static readonly Lazy<HttpClient> s_client = new(() => new HttpClient());
                private static readonly Lazy<HttpClient> s_explicit = new Lazy<HttpClient>(() => new HttpClient(), isThreadSafe: true);

                public HttpClient Client => s_client.Value;
            }
            """;

        public const string LazyInitializerOnStaticField = """
            using System.Net.Http;
            using System.Threading;

            public static class Clients
            {
                private static HttpClient? s_client;

                public static HttpClient Shared => LazyInitializer.EnsureInitialized(ref s_client, () => new HttpClient());
            }
            """;

        public const string CoalesceAssignmentToStaticMember = """
            using System.Net.Http;

            public static class Clients
            {
                private static HttpClient? s_client;

                public static HttpClient Shared => s_client ??= new HttpClient();

                public static HttpClient? Other { get; private set; }

                public static HttpClient GetOther() => Other ??= new HttpClient();
            }
            """;

        public const string TypedClientFieldAndConstructor = """
            using System;
            using System.Net.Http;

            public sealed class CatalogClient
            {
                private readonly HttpClient _client = new HttpClient();
                private readonly HttpClient _admin;
                private HttpClient? _reports;

                public CatalogClient()
                {
                    _admin = new HttpClient { BaseAddress = new Uri("https://admin.example.com") };
                }

                public HttpClient Reports => _reports ??= new HttpClient();
            }
            """;

        public const string SingletonServiceFieldAndConstructor = """
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ExchangeRates
            {
                private readonly HttpClient _client = new HttpClient();
                private readonly HttpClient _fallback;

                public ExchangeRates()
                {
                    _fallback = new HttpClient();
                }
            }

            public static class Registration
            {
                public static void Register(IServiceCollection services) => services.AddSingleton<ExchangeRates>();
            }
            """;

        public const string ConventionMiddlewareConstructor = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class AuditMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly HttpClient _client = new HttpClient();
                private readonly HttpClient _other;

                public AuditMiddleware(RequestDelegate next)
                {
                    _next = next;
                    _other = new HttpClient();
                }

                public async Task InvokeAsync(HttpContext context)
                {
                    await _client.PostAsync("https://audit.example.com", new StringContent(context.Request.Path));
                    await _next(context);
                }
            }
            """;

        public const string FilterAttributeFieldInitializer = """
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc.Filters;

            public sealed class AuditAttribute : ActionFilterAttribute
            {
                private readonly HttpClient _client = new HttpClient();

                public AuditAttribute()
                {
                    _client.DefaultRequestHeaders.Add("X-Audit", "1");
                }
            }
            """;

        public const string MainOutsideLoops = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task Main(string[] args)
                {
                    using var client = new HttpClient();
                    foreach (var url in args)
                    {
                        await client.GetStringAsync(url);
                    }
                }
            }
            """;

        public const string TopLevelStatementsOutsideLoops = """
            using System.Net.Http;

            using var client = new HttpClient();
            foreach (var url in args)
            {
                await client.GetStringAsync(url);
            }
            """;

        public const string StartupConfigureServices = """
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://api.example.com") };
                    services.AddSingleton(client);
                }

                public void Configure(IApplicationBuilder app)
                {
                    var warmup = new HttpClient();
                    warmup.GetAsync("https://api.example.com/health").Wait();
                }
            }
            """;

        public const string ServiceCollectionExtension = """
            using System;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class ClientRegistration
            {
                public static IServiceCollection AddClients(this IServiceCollection services)
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://api.example.com") };
                    return services.AddSingleton(client);
                }
            }
            """;

        public const string EndpointMappingExtension = """
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            public static class WeatherEndpoints
            {
                public static RouteGroupBuilder MapWeather(this IEndpointRouteBuilder endpoints)
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://weather.example.com") };
                    var group = endpoints.MapGroup("/weather");
                    group.MapGet("/today", () => client.GetStringAsync("/today"));
                    group.MapGet("/tomorrow", () => {|PM0003:new HttpClient()|}.GetStringAsync("https://weather.example.com/tomorrow"));
                    return group;
                }
            }
            """;

        public const string HostedServiceFactory = """
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public sealed class StatusPoller(HttpClient client) : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => client.GetAsync("https://status.example.com", stoppingToken);
            }

            public static class Container
            {
                public static ServiceProvider Build()
                {
                    var services = new ServiceCollection();
                    services.AddHostedService(_ => new StatusPoller(new HttpClient()));
                    return services.BuildServiceProvider();
                }
            }
            """;

        public const string SingletonRegistrations = """
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.DependencyInjection.Extensions;

            public static class Container
            {
                public static ServiceProvider Build()
                {
                    var services = new ServiceCollection();
                    services.AddSingleton(new HttpClient());
                    services.AddSingleton(_ => new HttpClient());
                    services.AddSingleton<HttpMessageInvoker>(_ => new HttpClient());
                    services.TryAddSingleton(new HttpClient());
                    services.TryAddSingleton(_ => new HttpClient());
                    services.AddKeyedSingleton("github", new HttpClient());
                    services.AddKeyedSingleton("gitlab", (_, _) => new HttpClient());
                    services.TryAddKeyedSingleton("bitbucket", new HttpClient());
                    services.TryAddKeyedSingleton("gitea", (_, _) => new HttpClient());
                    services.Add(ServiceDescriptor.Singleton(_ => new HttpClient()));
                    return services.BuildServiceProvider();
                }
            }
            """;

        public const string StaticHandlerNotDisposed = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Downloader
            {
                private static readonly SocketsHttpHandler s_handler = new();

                private static HttpMessageHandler SharedHandler { get; } = new SocketsHttpHandler();

                public async Task<byte[]> DownloadAsync(string url)
                {
                    using var client = new HttpClient(s_handler, disposeHandler: false);
                    return await client.GetByteArrayAsync(url);
                }

                public async Task<byte[]> DownloadPositionalAsync(string url)
                {
                    using var client = new HttpClient(SharedHandler, false);
                    return await client.GetByteArrayAsync(url);
                }
            }
            """;

        public const string InstanceHandlerNotDisposed = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Downloader
            {
                private readonly HttpMessageHandler _handler = new SocketsHttpHandler();

                public async Task<byte[]> DownloadAsync(string url)
                {
                    using var client = new HttpClient(_handler, disposeHandler: false);
                    return await client.GetByteArrayAsync(url);
                }
            }
            """;

        public const string HandlerFromHandlerFactory = """
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class Downloader(IHttpMessageHandlerFactory handlers)
            {
                public async Task<byte[]> DownloadAsync(string url)
                {
                    using var client = new HttpClient(handlers.CreateHandler("downloads"));
                    return await client.GetByteArrayAsync(url);
                }

                public async Task<byte[]> DownloadDefaultAsync(string url)
                {
                    using var client = new HttpClient(handlers.CreateHandler(), disposeHandler: false);
                    return await client.GetByteArrayAsync(url);
                }
            }
            """;

        public const string HandlerParameter = """
            using System.Net.Http;

            public static class ClientBuilder
            {
                public static HttpClient Create(HttpMessageHandler handler) => new HttpClient(handler);
            }
            """;

        public const string HttpClientFactoryCreateClient = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public sealed class CatalogController(IHttpClientFactory factory) : ControllerBase
            {
                [HttpGet("items")]
                public async Task<string> Items()
                {
                    var client = factory.CreateClient("catalog");
                    return await client.GetStringAsync("/items");
                }
            }
            """;

        public const string TypedClientRegisteredWithAddHttpClient = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class GitHubClient(HttpClient http)
            {
                public Task<string> GetZenAsync() => http.GetStringAsync("/zen");
            }

            public static class Registration
            {
                public static IServiceCollection AddGitHub(this IServiceCollection services)
                {
                    services.AddHttpClient<GitHubClient>(client => client.BaseAddress = new Uri("https://api.github.com"))
                        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                    return services;
                }
            }
            """;

        public const string NameofAndTypeof = """
            using System;
            using System.Net.Http;

            public static class Names
            {
                public const string ClientName = nameof(HttpClient);

                public static string Describe(HttpClient? client = null)
                    => nameof(HttpClient) + typeof(HttpClient).FullName + default(HttpClient)?.ToString() + client?.BaseAddress;
            }
            """;

        public const string ExpressionTree = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Linq.Expressions;
            using System.Net.Http;

            public static class ClientExpressions
            {
                public static Expression<Func<HttpClient>> Create() => () => new HttpClient();

                public static LambdaExpression Untyped()
                {
                    LambdaExpression expression = (string url) => new HttpClient { BaseAddress = new Uri(url) };
                    return expression;
                }

                public static Expression<Func<IEnumerable<string>, IEnumerable<HttpClient>>> Nested()
                    => urls => urls.Select(url => new HttpClient());
            }
            """;

        public const string OwnHttpClientType = """
            namespace Contoso.Transport
            {
                public sealed class HttpClient
                {
                }

                public static class Factory
                {
                    public static HttpClient Create() => new HttpClient();
                }
            }
            """;

        public const string XunitTests = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Xunit;

            public sealed class WeatherApiTests
            {
                [Fact]
                public async Task Returns_forecast()
                {
                    using var client = new HttpClient();
                    await client.GetStringAsync("https://localhost:5001/weather");
                }

                [Theory]
                [InlineData("paris")]
                public async Task Returns_city(string city)
                {
                    using var client = new HttpClient();
                    await client.GetStringAsync("https://localhost:5001/weather/" + city);
                }
            }
            """;

        public const string NUnitTests = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using NUnit.Framework;

            [TestFixture]
            public sealed class WeatherApiTests
            {
                [Test]
                public async Task Returns_forecast()
                {
                    using var client = new HttpClient();
                    await client.GetStringAsync("https://localhost:5001/weather");
                }

                [TestCase("paris")]
                public async Task Returns_city(string city)
                {
                    using var client = CreateClient();
                    await client.GetStringAsync("https://localhost:5001/weather/" + city);
                }

                private static HttpClient CreateClient() => new HttpClient();
            }

            public sealed class CityTests
            {
                [Test]
                public void Creates_client()
                {
                    using var client = new HttpClient();
                }
            }
            """;

        public const string MSTestTests = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            [TestClass]
            public sealed class WeatherApiTests
            {
                [TestMethod]
                public async Task Returns_forecast()
                {
                    using var client = new HttpClient();
                    await client.GetStringAsync("https://localhost:5001/weather");
                }

                [DataTestMethod]
                [DataRow("paris")]
                public async Task Returns_city(string city)
                {
                    using var client = CreateClient();
                    await client.GetStringAsync("https://localhost:5001/weather/" + city);
                }

                private static HttpClient CreateClient() => new HttpClient();
            }
            """;

        public const string TestProjectHelper = """
            using System.Net.Http;

            public static class TestClients
            {
                public static HttpClient Create() => new HttpClient();
            }
            """;

        public const string NonTestCodeNextToTests = """
            using System.Net.Http;
            using Xunit;

            public static class ApiClients
            {
                public static HttpClient Create() => {|PM0003:new HttpClient()|};
            }

            public sealed class ApiClientsTests
            {
                [Fact]
                public void Creates_client()
                {
                    using var client = new HttpClient();
                }
            }
            """;

        public const string TestCodeIncluded = """
            using System.Net.Http;
            using Xunit;

            public sealed class ApiClientsTests
            {
                [Fact]
                public void Creates_client()
                {
                    using var client = {|PM0003:new HttpClient()|};
                }
            }
            """;

        public const string BlazorWebAssemblyProgram = """
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebAssemblyHostBuilder.CreateDefault(args);
            builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
            await builder.Build().RunAsync();
            """;

        public const string ExcludedSymbols = """
            using System.Net.Http;

            namespace MyNs
            {
                public class LegacyClient : HttpClient
                {
                }

                public static class Tool
                {
                    public static void Run()
                    {
                        using var legacy = new LegacyClient();
                        using var client = {|PM0003:new HttpClient()|};
                    }
                }
            }
            """;

        public const string ExcludedContainingMethod = """
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace MyNs
            {
                public static class Tool
                {
                    public static void Run()
                    {
                        using var client = new HttpClient();
                        Create();

                        static HttpClient Create() => new HttpClient();
                    }

                    public static Task<string> Fetch(string url) => new HttpClient().GetStringAsync(url);

                    public static Task<string> Fetch(string url, int retries) => {|PM0003:new HttpClient()|}.GetStringAsync(url);

                    public static void Other()
                    {
                        using var client = {|PM0003:new HttpClient()|};
                    }
                }
            }
            """;

        public const string ExcludedMethodWithSeveralParameters = """
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace MyNs
            {
                public static class Tool
                {
                    public static Task<string> Fetch(string url, int retries) => new HttpClient().GetStringAsync(url);

                    public static Task<string> Fetch(string url) => {|PM0003:new HttpClient()|}.GetStringAsync(url);

                    public static void Run()
                    {
                        using var client = new HttpClient();
                    }
                }
            }
            """;

        public const string ExcludedConstructor = """
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace MyNs
            {
                public sealed class ReportsController : ControllerBase
                {
                    private readonly HttpClient _client;
                    private readonly HttpClient _other = {|PM0003:new HttpClient()|};

                    public ReportsController()
                    {
                        _client = new HttpClient();
                    }
                }
            }
            """;

        public const string ExcludedPropertyAndField = """
            using System.Net.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace MyNs
            {
                public sealed class ReportsController : ControllerBase
                {
                    private readonly HttpClient _client = new HttpClient();
                    private readonly HttpClient _other = {|PM0003:new HttpClient()|};

                    private HttpClient Http => new HttpClient();

                    private HttpClient OtherHttp => {|PM0003:new HttpClient()|};
                }
            }
            """;

        public const string ExcludedNamespace = """
            using System.Net.Http;

            namespace MyNs.Legacy
            {
                public static class Tool
                {
                    public static HttpClient Create() => new HttpClient();
                }
            }

            namespace MyNs.Current
            {
                public static class Tool
                {
                    public static HttpClient Create() => {|PM0003:new HttpClient()|};
                }
            }
            """;

        public const string ExcludedContainingType = """
            using System.Net.Http;

            namespace MyNs
            {
                public sealed class Tool
                {
                    private readonly System.Func<HttpClient> _factory = () => new HttpClient();

                    public void Run()
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            using var client = new HttpClient();
                        }
                    }

                    public sealed class Nested
                    {
                        public HttpClient Create() => new HttpClient();
                    }
                }

                public sealed class OtherTool
                {
                    public HttpClient Create() => {|PM0003:new HttpClient()|};
                }
            }
            """;
    }
}

/// <summary>PM0003 code fixes: both actions, Fix All, and the shapes where each is not offered.</summary>
public sealed class PM0003HttpClientPerOperationCodeFixTests
{
    [Fact]
    public Task Fix_UseStaticClient_HoistsUsingDeclaration() => VerifyFix.VerifyFixAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class WeatherService
        {
            public async Task<string> GetAsync(string url)
            {
                using var client = {|PM0003:new HttpClient()|};
                return await client.GetStringAsync(url);
            }
        }
        """, """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class WeatherService
        {
            private static readonly HttpClient s_http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public async Task<string> GetAsync(string url)
            {
                var client = s_http;
                return await client.GetStringAsync(url);
            }
        }
        """, EquivalenceKeys.PM0003UseStaticClient);

    [Fact]
    public Task Fix_UseFactory_InjectsIntoController() => VerifyFix.VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public sealed class OrdersController : ControllerBase
        {
            private readonly string _baseUrl = "https://payments.example.com";

            public OrdersController()
            {
            }

            [HttpGet]
            public async Task<string> Get()
            {
                using (var client = {|PM0003:new HttpClient()|})
                {
                    var body = await client.GetStringAsync(_baseUrl);
                    return body;
                }
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public sealed class OrdersController : ControllerBase
        {
            private readonly string _baseUrl = "https://payments.example.com";
            private readonly IHttpClientFactory _httpClientFactory;

            public OrdersController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet]
            public async Task<string> Get()
            {
                var client = _httpClientFactory.CreateClient();
                var body = await client.GetStringAsync(_baseUrl);
                return body;
            }
        }
        """, EquivalenceKeys.PM0003UseFactory, TestReferences.AspNetCore80);

    [Fact]
    public Task Fix_UseStaticClient_KeepsObjectInitializerAndRemovesDispose() => VerifyFix.VerifyFixAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class StatusProbe
        {
            public async Task<bool> IsUpAsync()
            {
                var client = {|PM0003:new HttpClient { Timeout = TimeSpan.FromSeconds(5) }|};
                var response = await client.GetAsync("https://status.example.com/health");
                client.Dispose();
                return response.IsSuccessStatusCode;
            }
        }
        """, """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class StatusProbe
        {
            private static readonly HttpClient s_http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                Timeout = TimeSpan.FromSeconds(5)
            };

            public async Task<bool> IsUpAsync()
            {
                var client = s_http;
                var response = await client.GetAsync("https://status.example.com/health");
                return response.IsSuccessStatusCode;
            }
        }
        """, EquivalenceKeys.PM0003UseStaticClient);

    [Fact]
    public Task Fix_UseStaticClient_CreationUsedInPlace() => VerifyFix.VerifyFixAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Downloader
        {
            public static Task<string> FetchAsync(string url) => {|PM0003:new HttpClient()|}.GetStringAsync(url);
        }
        """, """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Downloader
        {
            private static readonly HttpClient s_http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public static Task<string> FetchAsync(string url) => s_http.GetStringAsync(url);
        }
        """, EquivalenceKeys.PM0003UseStaticClient);

    [Fact]
    public Task FixAll_UseStaticClient_SharesOneFieldPerType() => VerifyFix.VerifyFixAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class CatalogClient
        {
            public async Task<string> ProductsAsync()
            {
                using var client = {|PM0003:new HttpClient()|};
                return await client.GetStringAsync("https://catalog.example.com/products");
            }

            public async Task<string> PricesAsync()
            {
                using var client = {|PM0003:new HttpClient()|};
                return await client.GetStringAsync("https://catalog.example.com/prices");
            }
        }
        """, """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class CatalogClient
        {
            private static readonly HttpClient s_http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public async Task<string> ProductsAsync()
            {
                var client = s_http;
                return await client.GetStringAsync("https://catalog.example.com/products");
            }

            public async Task<string> PricesAsync()
            {
                var client = s_http;
                return await client.GetStringAsync("https://catalog.example.com/prices");
            }
        }
        """, EquivalenceKeys.PM0003UseStaticClient);

    [Fact]
    public Task NoStaticFix_WhenClientIsReconfigured() => VerifyFix.VerifyNoFixAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class TenantClient
        {
            public async Task<string> GetAsync(string token)
            {
                using var client = {|PM0003:new HttpClient()|};
                client.DefaultRequestHeaders.Add("Authorization", token);
                return await client.GetStringAsync("https://api.example.com/me");
            }
        }
        """, EquivalenceKeys.PM0003UseStaticClient);

    [Fact]
    public Task NoStaticFix_WhenCreationUsesAParameter() => VerifyFix.VerifyNoFixAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class TenantClient
        {
            public async Task<string> GetAsync(Uri baseAddress)
            {
                using var client = {|PM0003:new HttpClient { BaseAddress = baseAddress }|};
                return await client.GetStringAsync("me");
            }
        }
        """, EquivalenceKeys.PM0003UseStaticClient);

    [Fact]
    public Task NoStaticFix_WhenClientIsReturned() => VerifyFix.VerifyNoFixAsync("""
        using System.Net.Http;

        public sealed class ClientSource
        {
            public HttpClient Create()
            {
                var client = {|PM0003:new HttpClient()|};
                return client;
            }
        }
        """, EquivalenceKeys.PM0003UseStaticClient);

    [Fact]
    public Task Fix_UseFactory_AddsConstructorWhenNone() => VerifyFix.VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public sealed class InvoicesController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get()
            {
                using var client = {|PM0003:new HttpClient()|};
                return await client.GetStringAsync("https://billing.example.com/invoices");
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public sealed class InvoicesController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public InvoicesController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet]
            public async Task<string> Get()
            {
                var client = _httpClientFactory.CreateClient();
                return await client.GetStringAsync("https://billing.example.com/invoices");
            }
        }
        """, EquivalenceKeys.PM0003UseFactory, TestReferences.AspNetCore80);

    [Fact]
    public Task Fix_UseFactory_AddsPrimaryConstructorParameter() => VerifyFix.VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;

        public sealed class ShippingService(ILogger<ShippingService> logger)
        {
            public async Task<string> QuoteAsync()
            {
                logger.LogInformation("Quoting");
                using var client = {|PM0003:new HttpClient()|};
                return await client.GetStringAsync("https://shipping.example.com/quote");
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;

        public sealed class ShippingService(ILogger<ShippingService> logger, IHttpClientFactory httpClientFactory)
        {
            public async Task<string> QuoteAsync()
            {
                logger.LogInformation("Quoting");
                var client = httpClientFactory.CreateClient();
                return await client.GetStringAsync("https://shipping.example.com/quote");
            }
        }
        """, EquivalenceKeys.PM0003UseFactory, TestReferences.AspNetCore80);

    [Fact]
    public Task Fix_UseFactory_InConstructorUsesTheParameter() => VerifyFix.VerifyFixAsync("""
        using System.Net.Http;
        using Microsoft.AspNetCore.Mvc;

        public sealed class ReportsController : ControllerBase
        {
            private readonly HttpClient _client;

            public ReportsController()
            {
                _client = {|PM0003:new HttpClient()|};
            }
        }
        """, """
        using System.Net.Http;
        using Microsoft.AspNetCore.Mvc;

        public sealed class ReportsController : ControllerBase
        {
            private readonly HttpClient _client;
            private readonly IHttpClientFactory _httpClientFactory;

            public ReportsController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
                _client = httpClientFactory.CreateClient();
            }
        }
        """, EquivalenceKeys.PM0003UseFactory, TestReferences.AspNetCore80);

    [Fact]
    public Task FixAll_UseFactory_InjectsOncePerType() => VerifyFix.VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class PartnerGateway
        {
            private readonly string _root = "https://partner.example.com/";

            public async Task<string> OrdersAsync()
            {
                using var client = {|PM0003:new HttpClient()|};
                return await client.GetStringAsync(_root + "orders");
            }

            public async Task<string> StockAsync()
            {
                using var client = {|PM0003:new HttpClient()|};
                return await client.GetStringAsync(_root + "stock");
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class PartnerGateway
        {
            private readonly string _root = "https://partner.example.com/";
            private readonly IHttpClientFactory _httpClientFactory;

            public PartnerGateway(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            public async Task<string> OrdersAsync()
            {
                var client = _httpClientFactory.CreateClient();
                return await client.GetStringAsync(_root + "orders");
            }

            public async Task<string> StockAsync()
            {
                var client = _httpClientFactory.CreateClient();
                return await client.GetStringAsync(_root + "stock");
            }
        }
        """, EquivalenceKeys.PM0003UseFactory, TestReferences.AspNetCore80);

    [Fact]
    public Task NoFactoryFix_WhenConstructedExplicitly() => VerifyFix.VerifyNoFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class PartnerGateway
        {
            public async Task<string> OrdersAsync()
            {
                using var client = {|PM0003:new HttpClient()|};
                return await client.GetStringAsync("https://partner.example.com/orders");
            }
        }

        public static class Caller
        {
            public static Task<string> Run() => new PartnerGateway().OrdersAsync();
        }
        """, EquivalenceKeys.PM0003UseFactory, TestReferences.AspNetCore80);

    [Fact]
    public Task NoFactoryFix_WhenTypeHasDerivedClasses() => VerifyFix.VerifyNoFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class GatewayBase
        {
            public async Task<string> PingAsync()
            {
                using var client = {|PM0003:new HttpClient()|};
                return await client.GetStringAsync("https://partner.example.com/ping");
            }
        }

        public sealed class EuGateway : GatewayBase
        {
        }
        """, EquivalenceKeys.PM0003UseFactory, TestReferences.AspNetCore80);

    [Fact]
    public Task NoFactoryFix_InStaticMethod() => VerifyFix.VerifyNoFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class Gateway
        {
            public static async Task<string> PingAsync()
            {
                using var client = {|PM0003:new HttpClient()|};
                return await client.GetStringAsync("https://partner.example.com/ping");
            }
        }
        """, EquivalenceKeys.PM0003UseFactory, TestReferences.AspNetCore80);

    [Fact]
    public Task NoFactoryFix_WithoutMicrosoftExtensionsHttp() => VerifyFix.VerifyNoFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class Gateway
        {
            public async Task<string> PingAsync()
            {
                using var client = {|PM0003:new HttpClient()|};
                return await client.GetStringAsync("https://partner.example.com/ping");
            }
        }
        """, EquivalenceKeys.PM0003UseFactory);

    [Fact]
    public Task NoFactoryFix_WhenHandlerIsConfigured() => VerifyFix.VerifyNoFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class Gateway
        {
            public async Task<string> PingAsync()
            {
                using var client = {|PM0003:new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })|};
                return await client.GetStringAsync("https://partner.example.com/ping");
            }
        }
        """, EquivalenceKeys.PM0003UseFactory, TestReferences.AspNetCore80);

    [Fact]
    public async Task FixAll_WithoutChosenAction_UsesFactoryWhereSafeAndStaticElsewhere()
    {
        // Command-line fixers (dotnet format) may run Fix All with no equivalence key.
        var source = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class PartnerGateway
            {
                public async Task<string> OrdersAsync()
                {
                    using var client = new HttpClient();
                    return await client.GetStringAsync("https://partner.example.com/orders");
                }
            }

            public static class Pinger
            {
                public static Task<string> PingAsync() => new HttpClient().GetStringAsync("https://partner.example.com/ping");
            }
            """;
        var expected = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class PartnerGateway
            {
                private readonly IHttpClientFactory _httpClientFactory;

                public PartnerGateway(IHttpClientFactory httpClientFactory)
                {
                    _httpClientFactory = httpClientFactory;
                }

                public async Task<string> OrdersAsync()
                {
                    var client = _httpClientFactory.CreateClient();
                    return await client.GetStringAsync("https://partner.example.com/orders");
                }
            }

            public static class Pinger
            {
                private static readonly HttpClient s_http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

                public static Task<string> PingAsync() => s_http.GetStringAsync("https://partner.example.com/ping");
            }
            """;

        var workspace = new Microsoft.CodeAnalysis.AdhocWorkspace();
        var references = await TestReferences.AspNetCore80.ResolveAsync(Microsoft.CodeAnalysis.LanguageNames.CSharp, CancellationToken.None);
        var project = workspace.AddProject("Consumer", Microsoft.CodeAnalysis.LanguageNames.CSharp)
            .WithMetadataReferences(references)
            .WithCompilationOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary))
            .WithParseOptions(new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12));
        var document = project.AddDocument("Gateway.cs", source);
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation
            .WithAnalyzers([new Postmortem.Analyzers.Rules.Resources.PM0003HttpClientPerOperationAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();
        Assert.Equal(2, diagnostics.Length);

        var provider = new Postmortem.Analyzers.CodeFixes.Rules.Resources.PM0003HttpClientPerOperationCodeFixProvider();
        var fixAll = provider.GetFixAllProvider()!;
        var context = new Microsoft.CodeAnalysis.CodeFixes.FixAllContext(
            document,
            provider,
            Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Document,
            codeActionEquivalenceKey: null!,
            provider.FixableDiagnosticIds,
            new FixedDiagnostics(diagnostics),
            CancellationToken.None);
        var action = await fixAll.GetFixAsync(context);
        var operations = await action!.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<Microsoft.CodeAnalysis.CodeActions.ApplyChangesOperation>().Single().ChangedSolution;
        var text = (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
        Assert.Equal(expected.ReplaceLineEndings(), text.ReplaceLineEndings());
    }

    private sealed class FixedDiagnostics(System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> diagnostics)
        : Microsoft.CodeAnalysis.CodeFixes.FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Microsoft.CodeAnalysis.Diagnostic>> GetAllDiagnosticsAsync(Microsoft.CodeAnalysis.Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Microsoft.CodeAnalysis.Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Microsoft.CodeAnalysis.Diagnostic>> GetDocumentDiagnosticsAsync(Microsoft.CodeAnalysis.Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Microsoft.CodeAnalysis.Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Microsoft.CodeAnalysis.Diagnostic>> GetProjectDiagnosticsAsync(Microsoft.CodeAnalysis.Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Microsoft.CodeAnalysis.Diagnostic>>([]);
    }
}
