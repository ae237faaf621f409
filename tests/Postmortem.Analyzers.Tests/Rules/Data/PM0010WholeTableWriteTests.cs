using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Data.PM0010WholeTableWriteAnalyzer>;

namespace Postmortem.Analyzers.Tests.Rules.Data;

/// <summary>
/// PM0010 Update or delete of a whole table. One test per shape of RULES.md and the message, over EF Core 8 relational,
/// Dapper, Microsoft.Data.SqlClient and Npgsql. The rule has no fix. The SQL reader has its own tests (SqlTextTests).
/// The sources are also the robustness corpus.
/// </summary>
public sealed class PM0010WholeTableWriteTests
{
    private static readonly ReferenceAssemblies Data = TestReferences.Data80;

    // ---------------------------------------------------------------- Flags: EF Core ExecuteUpdate/ExecuteDelete

    [Fact]
    public Task Flags_ExecuteDeleteAndUpdateOnDbSet() => Verify.VerifyAsync(
        Sources.ExecuteDeleteAndUpdateOnDbSet,
        TestReferences.EfCore80,
        expected:
        [
            Verify.Diagnostic().WithLocation(0).WithArguments("'ExecuteDeleteAsync'", "deletes", "Orders"),
            Verify.Diagnostic().WithLocation(1).WithArguments("'ExecuteUpdate'", "updates", "Order"),
        ]);

    [Fact]
    public Task Flags_ChainThatKeepsEveryRow() => Verify.VerifyAsync(Sources.ChainThatKeepsEveryRow, TestReferences.EfCore80);

    // ---------------------------------------------------------------- Flags: constant SQL

    [Fact]
    public Task Flags_ExecuteSqlForms() => Verify.VerifyAsync(
        Sources.ExecuteSqlForms,
        TestReferences.EfSqlServer80,
        expected:
        [
            Verify.Diagnostic().WithLocation(0).WithArguments("The SQL passed to 'ExecuteSqlRaw'", "deletes", "Orders"),
            Verify.Diagnostic().WithLocation(1).WithArguments("The SQL passed to 'ExecuteSqlAsync'", "updates", "Orders"),
            Verify.Diagnostic().WithLocation(2).WithArguments("The SQL passed to 'ExecuteSqlInterpolated'", "updates", "dbo.Orders"),
            Verify.Diagnostic().WithLocation(3).WithArguments("The SQL passed to 'ExecuteSqlRawAsync'", "deletes", "[Order Lines]"),
        ]);

    [Fact]
    public Task Flags_ConstantsDeclaredElsewhere() => Verify.VerifyAsync(Sources.ConstantsDeclaredElsewhere, TestReferences.EfSqlServer80);

    [Fact]
    public Task Flags_DapperExecute() => Verify.VerifyAsync(Sources.DapperExecute, Data);

    [Fact]
    public Task Flags_CommandTextAndCommandConstructor() => Verify.VerifyAsync(
        Sources.CommandTextAndConstructor,
        Data,
        expected:
        [
            Verify.Diagnostic().WithLocation(0).WithArguments("The SQL assigned to 'CommandText'", "deletes", "sessions"),
            Verify.Diagnostic().WithLocation(1).WithArguments("The SQL assigned to 'CommandText'", "updates", "\"public\".\"users\""),
            Verify.Diagnostic().WithLocation(2).WithArguments("The SQL given to 'SqlCommand'", "deletes", "Carts"),
        ]);

    [Fact]
    public Task Flags_WhereOnlyInsideASubqueryOrComment() => Verify.VerifyAsync(Sources.WhereOnlyInsideSubqueryOrComment, TestReferences.EfSqlServer80);

    [Fact]
    public Task Flags_CommonTableExpressionAndSecondStatement() => Verify.VerifyAsync(Sources.CteAndSecondStatement, TestReferences.EfNpgsql80);

    // ---------------------------------------------------------------- Does not flag

    [Fact]
    public Task DoesNotFlag_FilteredExecuteDelete() => Verify.VerifyAsync(Sources.FilteredExecuteDelete, TestReferences.EfCore80);

    [Fact]
    public Task DoesNotFlag_FilteredOrBatchedSql() => Verify.VerifyAsync(Sources.FilteredOrBatchedSql, Data);

    [Fact]
    public Task DoesNotFlag_SqlThatIsNotAWholeTableWrite() => Verify.VerifyAsync(Sources.SqlThatIsNotAWholeTableWrite, Data);

    [Fact]
    public Task DoesNotFlag_SqlNotKnownAtCompileTime() => Verify.VerifyAsync(Sources.SqlNotKnownAtCompileTime, Data);

    [Fact]
    public Task DoesNotFlag_CommandTextOfOwnType() => Verify.VerifyAsync(Sources.CommandTextOfOwnType, TestReferences.Net80);

    [Fact]
    public Task DoesNotFlag_ExcludedSymbols() => Verify.VerifyAsync(
        Sources.ExcludedSymbols,
        TestReferences.EfCore80,
        editorConfig: "postmortem.PM0010.excluded_symbols = T:Shop.TestDatabase");

    /// <summary>The sources of the tests above, by shape. Robustness tests reuse them as a corpus of realistic code.</summary>
    public static class Sources
    {
        public const string Model = """


            public sealed class Order
            {
                public int Id { get; set; }
                public bool Archived { get; set; }
                public System.DateTime CreatedAt { get; set; }
                public List<Line> Lines { get; set; } = new();
            }

            public sealed class Line
            {
                public int Id { get; set; }
                public int OrderId { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Line> Lines => Set<Line>();
            }
            """;

        public const string ExecuteDeleteAndUpdateOnDbSet = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Cleanup(ShopContext db)
            {
                public async Task PurgeAsync()
                {
                    await {|#0:db.Orders.ExecuteDeleteAsync()|};
                    {|#1:db.Set<Order>().ExecuteUpdate(s => s.SetProperty(o => o.Archived, true))|};
                }
            }
            """ + Model;

        public const string ChainThatKeepsEveryRow = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Cleanup(ShopContext db)
            {
                public async Task PurgeAsync()
                {
                    await [|db.Orders.AsNoTracking().IgnoreQueryFilters().OrderBy(o => o.Id).ExecuteDeleteAsync()|];
                    var all = db.Lines.TagWith("cleanup");
                    [|all.ExecuteDelete()|];
                }
            }
            """ + Model;

        public const string ExecuteSqlForms = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Maintenance(ShopContext db)
            {
                public async Task RunAsync(bool archived)
                {
                    {|#0:db.Database.ExecuteSqlRaw("DELETE FROM Orders")|};
                    await {|#1:db.Database.ExecuteSqlAsync($"UPDATE Orders SET Archived = {archived}")|};
                    {|#2:db.Database.ExecuteSqlInterpolated($"update dbo.Orders set Archived = {archived} -- where Id = 1")|};
                    await {|#3:db.Database.ExecuteSqlRawAsync("DELETE " + "FROM [Order Lines]")|};
                }
            }
            """ + Model;

        public const string ConstantsDeclaredElsewhere = """
            using System.Collections.Generic;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public static class Sql
            {
                public const string Table = "Orders";
                public const string ResetOrders = "UPDATE " + Table + " SET Archived = 0";
                public static readonly string ClearLines = "DELETE FROM Lines";
            }

            public sealed class Maintenance(ShopContext db)
            {
                public void Run()
                {
                    [|db.Database.ExecuteSqlRaw(Sql.ResetOrders)|];
                    [|db.Database.ExecuteSqlRaw(Sql.ClearLines)|];
                    [|db.Database.ExecuteSqlRaw($"DELETE FROM {Sql.Table}")|];
                    const string local = "DELETE FROM Orders";
                    [|db.Database.ExecuteSqlRaw(local)|];
                    var unchanged = "UPDATE Lines SET OrderId = 0";
                    [|db.Database.ExecuteSqlRaw(unchanged)|];
                }
            }
            """ + Model;

        public const string DapperExecute = """
            using System.Data;
            using System.Threading.Tasks;
            using Dapper;

            namespace Shop;

            public sealed class Sessions(IDbConnection connection)
            {
                public async Task ResetAsync()
                {
                    [|connection.Execute("DELETE FROM Sessions")|];
                    await [|connection.ExecuteAsync("UPDATE Users SET LastSeen = NULL", commandTimeout: 600)|];
                }
            }
            """;

        public const string CommandTextAndConstructor = """
            using System.Data.Common;
            using Microsoft.Data.SqlClient;
            using Npgsql;

            namespace Shop;

            public sealed class Sessions
            {
                public void Reset(DbConnection connection, NpgsqlConnection postgres, SqlConnection sqlServer)
                {
                    using var command = connection.CreateCommand();
                    {|#0:command.CommandText = "DELETE FROM sessions"|};
                    command.ExecuteNonQuery();

                    using var users = new NpgsqlCommand { Connection = postgres, {|#1:CommandText = "UPDATE \"public\".\"users\" SET active = false"|} };
                    users.ExecuteNonQuery();

                    using var carts = {|#2:new SqlCommand("DELETE FROM Carts", sqlServer)|};
                    carts.ExecuteNonQuery();
                }
            }
            """;

        public const string WhereOnlyInsideSubqueryOrComment = """
            using System.Collections.Generic;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Totals(ShopContext db)
            {
                public void Recompute()
                {
                    [|db.Database.ExecuteSqlRaw("UPDATE Orders SET Total = (SELECT SUM(Amount) FROM Lines WHERE Lines.OrderId = Orders.Id)")|];
                    [|db.Database.ExecuteSqlRaw("DELETE FROM Orders /* WHERE Archived = 1 */")|];
                    [|db.Database.ExecuteSqlRaw("UPDATE Orders SET Note = 'WHERE Id = 1'")|];
                }
            }
            """ + Model;

        public const string CteAndSecondStatement = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Totals(ShopContext db)
            {
                public async Task RecomputeAsync(int orderId)
                {
                    await [|db.Database.ExecuteSqlRawAsync("WITH sums AS (SELECT order_id, SUM(amount) AS total FROM lines WHERE amount > 0 GROUP BY order_id) UPDATE orders SET total = 0")|];
                    await [|db.Database.ExecuteSqlAsync($"DELETE FROM lines WHERE order_id = {orderId}; DELETE FROM audit")|];
                }
            }
            """ + Model;

        public const string FilteredExecuteDelete = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Cleanup(ShopContext db)
            {
                public async Task PurgeAsync(DateTime before, IQueryable<Order> orders, bool onlyArchived)
                {
                    await db.Orders.Where(o => o.CreatedAt < before).ExecuteDeleteAsync();
                    await db.Orders.OrderBy(o => o.Id).Take(1000).ExecuteDeleteAsync();
                    await orders.ExecuteDeleteAsync();

                    var query = db.Orders.AsQueryable();
                    if (onlyArchived)
                    {
                        query = query.Where(o => o.Archived);
                    }

                    await query.ExecuteUpdateAsync(s => s.SetProperty(o => o.Archived, false));
                    db.Orders.Where(o => o.Id == 1).SelectMany(o => o.Lines).ExecuteDelete();
                }
            }
            """ + Model;

        public const string FilteredOrBatchedSql = """
            using System.Data;
            using Dapper;
            using Microsoft.Data.SqlClient;

            namespace Shop;

            public sealed class Sessions(IDbConnection connection, SqlConnection sqlServer)
            {
                public void Expire()
                {
                    connection.Execute("DELETE FROM Sessions WHERE ExpiresAt < @now", new { now = System.DateTime.UtcNow });
                    connection.Execute("DELETE TOP (1000) FROM Sessions");
                    connection.Execute("DELETE FROM sessions LIMIT 1000");
                    connection.Execute("UPDATE u SET u.Active = 0 FROM Users u INNER JOIN Bans b ON b.UserId = u.Id");
                    connection.Execute("delete from Sessions\nwhere ExpiresAt < @now", new { now = System.DateTime.UtcNow });
                    using var command = new SqlCommand("UPDATE Carts SET Total = 0 WHERE Id = @id", sqlServer);
                }
            }
            """;

        public const string SqlThatIsNotAWholeTableWrite = """
            using System.Data;
            using Dapper;

            namespace Shop;

            public sealed class Maintenance(IDbConnection connection)
            {
                public void Run()
                {
                    connection.Execute("DELETE FROM #staging");
                    connection.Execute("DELETE FROM @ids");
                    connection.Execute("UPDATE STATISTICS Orders");
                    connection.Execute("TRUNCATE TABLE Staging");
                    connection.Execute("INSERT INTO Audit (Action) VALUES ('DELETE FROM Orders')");
                    connection.Execute("CREATE TABLE Lines (Id int, OrderId int REFERENCES Orders ON DELETE CASCADE)");
                    connection.Execute("MERGE INTO Stock AS t USING Incoming AS s ON t.Id = s.Id WHEN MATCHED THEN UPDATE SET t.Qty = s.Qty;");
                    var rows = connection.Query<int>("SELECT Id FROM Orders");
                }
            }
            """;

        public const string SqlNotKnownAtCompileTime = """
            using System.Collections.Generic;
            using System.Data;
            using Dapper;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Maintenance(IDbConnection connection, ShopContext db)
            {
                public void Run(string table, string sql, bool all)
                {
                    connection.Execute(sql);
                    db.Database.ExecuteSqlRaw($"DELETE FROM {table}");
                    var text = "DELETE FROM Orders";
                    if (!all)
                    {
                        text += " WHERE Archived = 1";
                    }

                    connection.Execute(text);
                }
            }
            """ + Model;

        public const string CommandTextOfOwnType = """
            namespace Shop;

            public sealed class Job
            {
                public string CommandText { get; set; } = "";
            }

            public static class Jobs
            {
                public static Job Purge() => new Job { CommandText = "DELETE FROM Orders" };
            }
            """;

        public const string ExcludedSymbols = """
            using System.Collections.Generic;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class TestDatabase(ShopContext db)
            {
                public void Reset() => db.Orders.ExecuteDelete();
            }
            """ + Model;
    }
}
