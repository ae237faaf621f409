using Microsoft.CodeAnalysis.Diagnostics;
using Postmortem.Analyzers.CodeFixes;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Resources.PM0003HttpClientPerOperationAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Resources.PM0003HttpClientPerOperationCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Resources;

public sealed class PM0003HttpClientPerOperationCodeFixTests
{
    [Fact]
    public Task Fix_UseStaticClient_HoistsUsingDeclaration() => Verify.VerifyFixAsync("""
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
    public Task Fix_UseFactory_InjectsIntoController() => Verify.VerifyFixAsync("""
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
    public Task Fix_UseStaticClient_KeepsObjectInitializerAndRemovesDispose() => Verify.VerifyFixAsync("""
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
    public Task Fix_UseStaticClient_CreationUsedInPlace() => Verify.VerifyFixAsync("""
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
    public Task FixAll_UseStaticClient_SharesOneFieldPerType() => Verify.VerifyFixAsync("""
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
    public Task NoStaticFix_WhenClientIsReconfigured() => Verify.VerifyNoFixAsync("""
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
    public Task NoStaticFix_WhenCreationUsesAParameter() => Verify.VerifyNoFixAsync("""
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
    public Task NoStaticFix_WhenClientIsReturned() => Verify.VerifyNoFixAsync("""
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
    public Task Fix_UseFactory_AddsConstructorWhenNone() => Verify.VerifyFixAsync("""
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
    public Task Fix_UseFactory_AddsPrimaryConstructorParameter() => Verify.VerifyFixAsync("""
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
    public Task Fix_UseFactory_InConstructorUsesTheParameter() => Verify.VerifyFixAsync("""
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
    public Task FixAll_UseFactory_InjectsOncePerType() => Verify.VerifyFixAsync("""
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
    public Task NoFactoryFix_WhenConstructedExplicitly() => Verify.VerifyNoFixAsync("""
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
    public Task NoFactoryFix_WhenTypeHasDerivedClasses() => Verify.VerifyNoFixAsync("""
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
    public Task NoFactoryFix_InStaticMethod() => Verify.VerifyNoFixAsync("""
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
    public Task NoFactoryFix_WithoutMicrosoftExtensionsHttp() => Verify.VerifyNoFixAsync("""
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
    public Task NoFactoryFix_WhenHandlerIsConfigured() => Verify.VerifyNoFixAsync("""
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
