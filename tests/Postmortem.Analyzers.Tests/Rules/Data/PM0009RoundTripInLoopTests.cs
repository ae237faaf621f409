using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.CodeFixes;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Data.PM0009RoundTripInLoopAnalyzer>;
using VerifyFix = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Data.PM0009RoundTripInLoopAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Data.PM0009RoundTripInLoopCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Data;

/// <summary>
/// PM0009 Database round-trip inside a loop. One test per shape of RULES.md, the message, the option and the fix, over
/// EF Core 8, Dapper and Microsoft.Data.SqlClient. The sources are also the robustness corpus.
/// </summary>
public sealed class PM0009RoundTripInLoopTests
{
    private static readonly ReferenceAssemblies Data = TestReferences.Data80;

    // ---------------------------------------------------------------- Flags: EF Core

    [Fact]
    public Task Flags_QueryInForeach() => Verify.VerifyAsync(
        Sources.QueryInForeach,
        Data,
        expected:
        [
            Verify.Diagnostic().WithLocation(0).WithArguments("FirstOrDefaultAsync", "on every iteration of the foreach over 'followers'"),
            Verify.Diagnostic().WithLocation(1).WithArguments("ToList", "on every iteration of the foreach over 'followers'"),
            Verify.Diagnostic().WithLocation(2).WithArguments("CountAsync", "on every iteration of the foreach over 'followers'"),
        ]);

    [Fact]
    public Task Flags_FindInForeach() => Verify.VerifyAsync(Sources.FindInForeach, Data);

    [Fact]
    public Task Flags_ExplicitLoad() => Verify.VerifyAsync(Sources.ExplicitLoad, Data);

    [Fact]
    public Task Flags_SaveChangesInForeach() => Verify.VerifyAsync(Sources.SaveChangesInForeach, Data);

    [Fact]
    public Task Flags_ForLoopBoundedByCountOrLength() => Verify.VerifyAsync(
        Sources.ForLoopBoundedByCount,
        Data,
        expected:
        [
            Verify.Diagnostic().WithLocation(0).WithArguments("DbSet.Find", "on every iteration of the for loop up to 'ids.Count'"),
            Verify.Diagnostic().WithLocation(1).WithArguments("DbSet.Find", "on every iteration of the for loop up to 'keys.Length'"),
        ]);

    [Fact]
    public Task Flags_SelectAndForEachLambdas() => Verify.VerifyAsync(
        Sources.SelectAndForEachLambdas,
        Data,
        expected:
        [
            Verify.Diagnostic().WithLocation(0).WithArguments("DbSet.FindAsync", "for every element in the 'Select' lambda over 'ids'"),
            Verify.Diagnostic().WithLocation(1).WithArguments("DbSet.Find", "for every element in the 'Select' lambda over 'ids'"),
            Verify.Diagnostic().WithLocation(2).WithArguments("DbContext.SaveChanges", "for every element in the 'ForEach' lambda over 'users'"),
        ]);

    [Fact]
    public Task Flags_ForeachOverQueryInsideLoop() => Verify.VerifyAsync(Sources.ForeachOverQueryInsideLoop, Data);

    [Fact]
    public Task Flags_GroupsAreElementsNotBatches() => Verify.VerifyAsync(Sources.GroupsAreElements, Data);

    // ---------------------------------------------------------------- Flags: Dapper and ADO.NET

    [Fact]
    public Task Flags_DapperInForeach() => Verify.VerifyAsync(Sources.DapperInForeach, Data);

    [Fact]
    public Task Flags_AdoNetCommandInForeach() => Verify.VerifyAsync(Sources.AdoNetCommandInForeach, Data);

    // ---------------------------------------------------------------- Does not flag

    [Fact]
    public Task DoesNotFlag_WhileAndDoLoopsAndConflictReloads() => Verify.VerifyAsync(Sources.WhileAndDoLoops, Data);

    [Fact]
    public Task DoesNotFlag_LoopVariableInsideContains() => Verify.VerifyAsync(Sources.LoopVariableInsideContains, Data);

    [Fact]
    public Task DoesNotFlag_SetsWrittenOutInTheCode() => Verify.VerifyAsync(Sources.SetsWrittenOutInTheCode, Data);

    [Fact]
    public Task DoesNotFlag_SaveEverySoManyIterations() => Verify.VerifyAsync(Sources.SaveEverySoManyIterations, Data);

    [Fact]
    public Task DoesNotFlag_LoopsOverChunks() => Verify.VerifyAsync(Sources.LoopsOverChunks, Data);

    [Fact]
    public Task DoesNotFlag_QueryInsideExpressionTreeProjection() => Verify.VerifyAsync(Sources.ExpressionTreeProjection, Data);

    [Fact]
    public Task DoesNotFlag_CodeAfterTheLoopAndTheLoopCollection() => Verify.VerifyAsync(Sources.CodeAfterLoop, Data);

    [Fact]
    public Task DoesNotFlag_HelperCalledInLoop() => Verify.VerifyAsync(Sources.HelperCalledInLoop, Data);

    [Fact]
    public Task DoesNotFlag_CallFollowedByReturnOrBreak() => Verify.VerifyAsync(Sources.CallFollowedByExit, Data);

    [Fact]
    public Task DoesNotFlag_InMemoryLinqAndAdd() => Verify.VerifyAsync(Sources.InMemoryLinqAndAdd, Data);

    [Fact]
    public Task DoesNotFlag_RetryForLoopAndBatchStep() => Verify.VerifyAsync(Sources.RetryForLoopAndBatchStep, Data);

    [Fact]
    public Task DoesNotFlag_LambdasThatRunElsewhere() => Verify.VerifyAsync(Sources.LambdasThatRunElsewhere, Data);

    [Fact]
    public Task DoesNotFlag_ExcludedSymbols() => Verify.VerifyAsync(
        Sources.ExcludedSymbols,
        Data,
        editorConfig: "postmortem.PM0009.excluded_symbols = M:Shop.Seeder.Seed(Shop.ShopContext,System.Collections.Generic.IEnumerable{System.String})");

    // ---------------------------------------------------------------- Fix

    [Fact]
    public Task Fix_MovesSaveChangesAsyncAfterTheLoop() => VerifyFix.VerifyFixAsync(
        Sources.SaveChangesInForeach,
        """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Shop;

        public sealed class Importer(ShopContext db)
        {
            public async Task ImportAsync(IReadOnlyList<User> users, CancellationToken ct)
            {
                foreach (var user in users)
                {
                    user.Active = true;
                    db.Users.Add(user);
                }

                // One transaction per user was the old behaviour.
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
            }
        }
        """ + Sources.Model,
        EquivalenceKeys.PM0009MoveSaveChangesAfterLoop,
        Data);

    [Fact]
    public Task FixAll_MovesEverySaveAfterItsLoop() => VerifyFix.VerifyFixAsync(
        Sources.TwoLoopsThatSave,
        Sources.TwoLoopsThatSaveFixed,
        EquivalenceKeys.PM0009MoveSaveChangesAfterLoop,
        Data,
        batchFixedSource: Sources.TwoLoopsThatSaveFixed);

    [Fact]
    public Task NoFix_WhenTheSaveIsNotLastOrTheLoopJumps() => VerifyFix.VerifyNoFixAsync(
        Sources.SavesThatCannotMove,
        EquivalenceKeys.PM0009MoveSaveChangesAfterLoop,
        Data);

    /// <summary>The sources of the tests above, by shape. Robustness tests reuse them as a corpus of realistic code.</summary>
    public static class Sources
    {
        public const string Model = """


            public sealed class User
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public bool Active { get; set; }
                public List<Order> Orders { get; set; } = new();
            }

            public sealed class Follower
            {
                public int Id { get; set; }
                public int UserId { get; set; }
                public int FollowedId { get; set; }
            }

            public sealed class Order
            {
                public int Id { get; set; }
                public int UserId { get; set; }
                public User? User { get; set; }
                public decimal Total { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<User> Users => Set<User>();
                public DbSet<Follower> Followers => Set<Follower>();
                public DbSet<Order> Orders => Set<Order>();
            }
            """;

        public const string QueryInForeach = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class FeedService(ShopContext db)
            {
                public async Task<int> NotifyAsync(IReadOnlyList<Follower> followers)
                {
                    var total = 0;
                    foreach (var follower in followers)
                    {
                        var user = await {|#0:db.Users.FirstOrDefaultAsync(u => u.Id == follower.UserId)|};
                        var orders = {|#1:db.Orders.Where(o => o.UserId == follower.UserId).ToList()|};
                        total += await {|#2:db.Orders.CountAsync(o => o.UserId == follower.FollowedId)|};
                    }

                    return total;
                }
            }
            """ + Model;

        public const string FindInForeach = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Lookup(ShopContext db)
            {
                public async Task<List<User>> LoadAsync(int[] ids)
                {
                    var users = new List<User>();
                    foreach (var id in ids)
                    {
                        var user = await [|db.Users.FindAsync(id)|];
                        if (user is not null)
                        {
                            users.Add(user);
                        }

                        var again = [|db.Find<User>(id)|];
                    }

                    return users;
                }
            }
            """ + Model;

        public const string ExplicitLoad = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Report(ShopContext db)
            {
                public async Task FillAsync(List<User> users, List<Order> orders)
                {
                    foreach (var user in users)
                    {
                        await [|db.Entry(user).Collection(u => u.Orders).LoadAsync()|];
                    }

                    foreach (var order in orders)
                    {
                        [|db.Entry(order).Reference(o => o.User).Load()|];
                    }
                }
            }
            """ + Model;

        public const string SaveChangesInForeach = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Importer(ShopContext db)
            {
                public async Task ImportAsync(IReadOnlyList<User> users, CancellationToken ct)
                {
                    foreach (var user in users)
                    {
                        user.Active = true;
                        db.Users.Add(user);

                        // One transaction per user was the old behaviour.
                        await [|db.SaveChangesAsync(ct)|].ConfigureAwait(false);
                    }
                }
            }
            """ + Model;

        public const string ForLoopBoundedByCount = """
            using System.Collections.Generic;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Lookup(ShopContext db)
            {
                public void Load(List<int> ids, object[] keys)
                {
                    for (var i = 0; i < ids.Count; i++)
                    {
                        var user = {|#0:db.Users.Find(ids[i])|};
                    }

                    for (var i = keys.Length - 1; i >= 0; i--)
                    {
                        var user = {|#1:db.Users.Find(keys[i])|};
                    }
                }
            }
            """ + Model;

        public const string SelectAndForEachLambdas = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Lookup(ShopContext db)
            {
                public async Task<User?[]> LoadAsync(List<int> ids)
                    => await Task.WhenAll(ids.Select(id => {|#0:db.Users.FindAsync(id)|}.AsTask()));

                public List<User?> Load(List<int> ids) => ids.Select(id => {|#1:db.Users.Find(id)|}).ToList();

                public void Activate(List<User> users) => users.ForEach(user =>
                {
                    user.Active = true;
                    {|#2:db.SaveChanges()|};
                });
            }
            """ + Model;

        public const string ForeachOverQueryInsideLoop = """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Totals(ShopContext db)
            {
                public decimal Sum(List<User> users)
                {
                    decimal sum = 0;
                    foreach (var user in users)
                    {
                        foreach (var order in [|db.Orders.Where(o => o.UserId == user.Id)|])
                        {
                            sum += order.Total;
                        }
                    }

                    return sum;
                }
            }
            """ + Model;

        public const string GroupsAreElements = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Totals(ShopContext db)
            {
                public async Task LoadAsync(List<Order> orders)
                {
                    foreach (var group in orders.GroupBy(o => o.UserId))
                    {
                        var user = await [|db.Users.SingleAsync(u => u.Id == group.Key)|];
                    }
                }
            }
            """ + Model;

        public const string DapperInForeach = """
            using System.Collections.Generic;
            using System.Data;
            using System.Threading.Tasks;
            using Dapper;

            namespace Shop;

            public sealed record Price(int ProductId, decimal Amount);

            public sealed class PriceRepository(IDbConnection connection)
            {
                public async Task<List<Price>> LoadAsync(IEnumerable<int> productIds)
                {
                    var prices = new List<Price>();
                    foreach (var id in productIds)
                    {
                        prices.Add(await [|connection.QuerySingleAsync<Price>("SELECT ProductId, Amount FROM Prices WHERE ProductId = @id", new { id })|]);
                        [|connection.Execute("UPDATE Prices SET Seen = 1 WHERE ProductId = @id", new { id })|];
                    }

                    return prices;
                }
            }
            """;

        public const string AdoNetCommandInForeach = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;

            namespace Shop;

            public sealed class StockRepository(SqlConnection connection)
            {
                public async Task ReserveAsync(IEnumerable<int> productIds)
                {
                    foreach (var id in productIds)
                    {
                        using var command = new SqlCommand("UPDATE Stock SET Reserved = Reserved + 1 WHERE ProductId = @id", connection);
                        command.Parameters.AddWithValue("@id", id);
                        await [|command.ExecuteNonQueryAsync()|];
                        var left = [|command.ExecuteScalar()|];
                    }
                }
            }
            """;

        public const string WhileAndDoLoops = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Pager(ShopContext db)
            {
                public async Task<int> CountPagesAsync()
                {
                    var pages = 0;
                    var lastId = 0;
                    while (true)
                    {
                        var page = await db.Users.Where(u => u.Id > lastId).OrderBy(u => u.Id).Take(500).ToListAsync();
                        if (page.Count == 0)
                        {
                            return pages;
                        }

                        lastId = page[^1].Id;
                        pages++;
                    }
                }

                public void SaveWithRetry()
                {
                    var attempts = 0;
                    do
                    {
                        try
                        {
                            db.SaveChanges();
                            return;
                        }
                        catch (DbUpdateConcurrencyException)
                        {
                            attempts++;
                        }
                    }
                    while (attempts < 3);
                }

                public async Task ResolveConflictsAsync(DbUpdateConcurrencyException conflict)
                {
                    foreach (var entry in conflict.Entries)
                    {
                        await entry.ReloadAsync();
                    }
                }
            }
            """ + Model;

        public const string LoopVariableInsideContains = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed record Batch(List<int> Ids);

            public sealed class Loader(ShopContext db)
            {
                public async Task<List<User>> LoadAsync(List<Batch> batches)
                {
                    var users = new List<User>();
                    foreach (var batch in batches)
                    {
                        users.AddRange(await db.Users.Where(u => batch.Ids.Contains(u.Id)).ToListAsync());
                        var ids = batch.Ids.ToArray();
                        var query = db.Users.Where(u => ids.Contains(u.Id));
                        users.AddRange(query.ToList());
                    }

                    return users;
                }
            }
            """ + Model;

        public const string SetsWrittenOutInTheCode = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public enum Tier { Bronze, Silver, Gold }

            public sealed class Stats(ShopContext db)
            {
                private static readonly decimal[] s_thresholds = [10m, 100m, 1000m];

                public async Task<List<int>> CountAsync()
                {
                    var counts = new List<int>();
                    foreach (var threshold in s_thresholds)
                    {
                        counts.Add(await db.Orders.CountAsync(o => o.Total > threshold));
                    }

                    foreach (var active in new[] { true, false })
                    {
                        counts.Add(await db.Users.CountAsync(u => u.Active == active));
                    }

                    foreach (var tier in Enum.GetValues<Tier>())
                    {
                        counts.Add(await db.Users.CountAsync(u => u.Id % 3 == (int)tier));
                    }

                    return counts;
                }
            }
            """ + Model;

        public const string SaveEverySoManyIterations = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Importer(ShopContext db)
            {
                private const int BatchSize = 500;

                public async Task ImportAsync(IEnumerable<User> users)
                {
                    var pending = 0;
                    foreach (var user in users)
                    {
                        db.Users.Add(user);
                        pending++;
                        if (pending >= BatchSize)
                        {
                            await db.SaveChangesAsync();
                            db.ChangeTracker.Clear();
                            pending = 0;
                        }
                    }

                    var index = 0;
                    foreach (var user in users)
                    {
                        user.Active = true;
                        if (++index % BatchSize == 0)
                        {
                            await db.SaveChangesAsync();
                        }
                    }

                    var buffer = new List<Order>();
                    foreach (var user in users)
                    {
                        buffer.AddRange(user.Orders);
                        if (buffer.Count >= BatchSize)
                        {
                            db.Orders.AddRange(buffer);
                            db.SaveChanges();
                            buffer.Clear();
                        }
                    }
                }

                public void Tag(List<User> users)
                {
                    foreach (var user in users)
                    {
                        if (user.Orders is { Count: > 0 } orders)
                        {
                            var ids = orders.Select(o => o.Id).ToList();
                            var stored = db.Orders.Where(o => ids.Contains(o.Id)).ToList();
                        }
                    }
                }
            }
            """ + Model;

        public const string LoopsOverChunks = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Archiver(ShopContext db)
            {
                public async Task ArchiveAsync(List<User> users)
                {
                    foreach (var chunk in users.Chunk(500))
                    {
                        foreach (var user in chunk)
                        {
                            user.Active = false;
                        }

                        await db.SaveChangesAsync();
                    }

                    var found = users.Select(u => u.Id).Chunk(1000).Select(keys => db.Users.Where(u => keys.Contains(u.Id)).ToList()).ToList();
                }

                public void Batches(List<List<User>> batches)
                {
                    foreach (var batch in batches)
                    {
                        db.Users.AddRange(batch);
                        db.SaveChanges();
                    }
                }
            }
            """ + Model;

        public const string ExpressionTreeProjection = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Dashboard(ShopContext db)
            {
                public Task<List<UserSummary>> LoadAsync()
                    => db.Users
                        .Select(u => new UserSummary(u.Name, db.Orders.Where(o => o.UserId == u.Id).Count(), u.Orders.Select(o => o.Total).ToList()))
                        .ToListAsync();
            }

            public sealed record UserSummary(string Name, int Orders, List<decimal> Totals);
            """ + Model;

        public const string CodeAfterLoop = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Importer(ShopContext db)
            {
                public async Task ImportAsync(IReadOnlyList<User> users)
                {
                    foreach (var existing in await db.Users.Where(u => u.Active).ToListAsync())
                    {
                        existing.Active = false;
                    }

                    foreach (var user in users)
                    {
                        db.Users.Add(user);
                    }

                    await db.SaveChangesAsync();
                }
            }
            """ + Model;

        public const string HelperCalledInLoop = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Notifier(ShopContext db)
            {
                public async Task NotifyAsync(IEnumerable<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await NotifyOneAsync(id);
                    }
                }

                private async Task NotifyOneAsync(int id)
                {
                    var user = await db.Users.FindAsync(id);
                }
            }
            """ + Model;

        public const string CallFollowedByExit = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Renamer(ShopContext db)
            {
                public async Task<bool> RenameAsync(List<User> users, int id, string name)
                {
                    foreach (var user in users)
                    {
                        if (user.Id == id)
                        {
                            user.Name = name;
                            await db.SaveChangesAsync();
                            return true;
                        }
                    }

                    return false;
                }

                public async Task<User?> FirstActiveAsync(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        if (id > 0)
                        {
                            return await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.Active);
                        }
                    }

                    return null;
                }

                public void SaveFirst(List<User> users)
                {
                    foreach (var user in users)
                    {
                        db.Users.Add(user);
                        db.SaveChanges();
                        break;
                    }
                }
            }
            """ + Model;

        public const string InMemoryLinqAndAdd = """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Importer(ShopContext db)
            {
                public void Import(List<User> users, List<Order> orders)
                {
                    foreach (var user in users)
                    {
                        var mine = orders.Where(o => o.UserId == user.Id).ToList();
                        var count = user.Orders.Count(o => o.Total > 10);
                        db.Users.Add(user);
                        db.Orders.AddRange(mine);
                    }

                    db.SaveChanges();
                }
            }
            """ + Model;

        public const string RetryForLoopAndBatchStep = """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Saver(ShopContext db)
            {
                public void Save()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            db.SaveChanges();
                            break;
                        }
                        catch (DbUpdateException)
                        {
                        }
                    }
                }

                public void LoadInPages(List<int> ids)
                {
                    for (var i = 0; i < ids.Count; i += 500)
                    {
                        var page = ids.Skip(i).Take(500).ToList();
                        var users = db.Users.Where(u => page.Contains(u.Id)).ToList();
                    }
                }
            }
            """ + Model;

        public const string LambdasThatRunElsewhere = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Registrar(ShopContext db)
            {
                public List<Func<Task<User?>>> Build(List<int> ids)
                {
                    var loaders = new List<Func<Task<User?>>>();
                    foreach (var id in ids)
                    {
                        loaders.Add(() => db.Users.FirstOrDefaultAsync(u => u.Id == id));
                    }

                    return loaders;
                }

                public User? First(List<int> ids) => ids.Select(id => db.Users.Find(id)).FirstOrDefault(u => u is not null);
            }
            """ + Model;

        public const string ExcludedSymbols = """
            using System.Collections.Generic;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public static class Seeder
            {
                public static void Seed(ShopContext db, IEnumerable<string> names)
                {
                    foreach (var name in names)
                    {
                        db.Users.Add(new User { Name = name });
                        db.SaveChanges();
                    }
                }
            }
            """ + Model;

        public const string TwoLoopsThatSave = """
            using System.Collections.Generic;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Importer(ShopContext db)
            {
                public void Import(List<User> users, List<Order> orders)
                {
                    foreach (var user in users)
                    {
                        db.Users.Add(user);
                        [|db.SaveChanges()|];
                    }

                    for (var i = 0; i < orders.Count; i++)
                    {
                        db.Orders.Add(orders[i]);
                        [|db.SaveChanges()|];
                    }
                }
            }
            """ + Model;

        public const string TwoLoopsThatSaveFixed = """
            using System.Collections.Generic;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Importer(ShopContext db)
            {
                public void Import(List<User> users, List<Order> orders)
                {
                    foreach (var user in users)
                    {
                        db.Users.Add(user);
                    }

                    db.SaveChanges();

                    for (var i = 0; i < orders.Count; i++)
                    {
                        db.Orders.Add(orders[i]);
                    }

                    db.SaveChanges();
                }
            }
            """ + Model;

        public const string SavesThatCannotMove = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop;

            public sealed class Importer(ShopContext db)
            {
                public async Task ImportAsync(List<User> users)
                {
                    foreach (var user in users)
                    {
                        db.Users.Add(user);
                        await [|db.SaveChangesAsync()|];
                        user.Active = true;
                    }

                    foreach (var user in users)
                    {
                        if (!user.Active)
                        {
                            continue;
                        }

                        db.Users.Add(user);
                        await [|db.SaveChangesAsync()|];
                    }

                    foreach (var user in users)
                    {
                        db.Users.Add(user);
                        var saved = await [|db.SaveChangesAsync()|];
                    }

                    foreach (var user in users)
                    {
                        using var scoped = new ShopContext();
                        scoped.Users.Add(user);
                        [|scoped.SaveChanges()|];
                    }
                }
            }
            """ + Model;
    }
}
