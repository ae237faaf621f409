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
}
