using Postmortem.Analyzers.Rules.Resources;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Resources.PM0003HttpClientPerOperationAnalyzer>;

namespace Postmortem.Analyzers.Tests.Rules.Resources;

public sealed class PM0003HttpClientPerOperationTests
{
    [Fact]
    public Task Flags_CreationInMethodBody() => Verify.VerifyAsync("""
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
        """);

    [Fact]
    public Task Flags_CreationInController() => Verify.VerifyAsync("""
        using System.Net.Http;
        using Microsoft.AspNetCore.Mvc;

        public sealed class OrdersController : ControllerBase
        {
            private readonly HttpClient _client = {|PM0003:new HttpClient()|};
        }
        """, TestReferences.AspNetCore80);
}
