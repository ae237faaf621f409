using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace Postmortem.Analyzers.Tests.References;

/// <summary>The data-access presets resolve offline and bind real library code without errors.</summary>
public sealed class TestReferencesTests
{
    public static TheoryData<string> DataPresets() => new() { nameof(TestReferences.EfCore80), nameof(TestReferences.EfSqlServer80), nameof(TestReferences.EfNpgsql80), nameof(TestReferences.Data80) };

    [Theory]
    [MemberData(nameof(DataPresets))]
    public async Task DataPresetCompilesEntityFrameworkCode(string preset)
    {
        var references = (ReferenceAssemblies)typeof(TestReferences).GetProperty(preset)!.GetValue(null)!;
        const string source = """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public sealed class Order { public int Id { get; set; } }
            public sealed class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
                public Task<Order[]> Load() => Orders.Where(o => o.Id > 1).ToArrayAsync();
            }
            """;
        await AssertCompilesAsync(references, source);
    }

    [Fact]
    public async Task DataPresetCompilesEveryDataLibrary()
    {
        const string source = """
            using System.Data.Common;
            using Dapper;
            using Microsoft.Data.SqlClient;
            using Microsoft.Data.Sqlite;
            using Microsoft.Extensions.Caching.Distributed;
            using Npgsql;
            using StackExchange.Redis;

            public static class Uses
            {
                public static object[] All(IDatabase redis, IDistributedCache cache, DbConnection connection) => new object[]
                {
                    new SqlConnection(), new NpgsqlConnection(), new SqliteConnection(), connection.Query<int>("select 1"),
                    redis.StringGet("k"), cache.GetString("k"),
                };
            }
            """;
        await AssertCompilesAsync(TestReferences.Data80, source);
    }

    private static async Task AssertCompilesAsync(ReferenceAssemblies references, string source)
    {
        var resolved = await TestReferences.ResolveAllAsync(references);
        var compilation = CSharpCompilation.Create(
            "Presets",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            resolved,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
