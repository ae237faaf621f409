using Microsoft.CodeAnalysis.Testing;
using Postmortem.Analyzers.CodeFixes;
using Postmortem.Analyzers.Tests.References;
using Verify = Postmortem.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Postmortem.Analyzers.Rules.Data.PM0012ThirtyTwoBitIdentityKeyAnalyzer>;
using VerifyFix = Postmortem.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Postmortem.Analyzers.Rules.Data.PM0012ThirtyTwoBitIdentityKeyAnalyzer,
    Postmortem.Analyzers.CodeFixes.Rules.Data.PM0012ThirtyTwoBitIdentityKeyCodeFixProvider>;

namespace Postmortem.Analyzers.Tests.Rules.Data;

/// <summary>
/// PM0012 32-bit identity key. One test per shape of RULES.md, the message, the option and the fix. The sources are
/// also the robustness corpus.
/// </summary>
public sealed class PM0012ThirtyTwoBitIdentityKeyTests
{
    private static readonly ReferenceAssemblies Ef = TestReferences.EfCore80;

    // ---------------------------------------------------------------- Flags

    [Fact]
    public Task Flags_ConventionIdOfDbSetEntity() => Verify.VerifyAsync(
        Sources.ConventionId,
        Ef,
        expected: Verify.Diagnostic().WithLocation(0).WithArguments("Order.Id", "int", "2,147,483,647"));

    [Fact]
    public Task Flags_TypeNameIdShortAndUnsigned() => Verify.VerifyAsync(Sources.TypeNameIdShortAndUnsigned, Ef);

    [Fact]
    public Task Flags_EntityFromModelBuilderAndConfiguration() => Verify.VerifyAsync(Sources.EntityFromModelBuilderAndConfiguration, Ef);

    [Fact]
    public Task Flags_KeyAttributeAndHasKey() => Verify.VerifyAsync(Sources.KeyAttributeAndHasKey, Ef);

    [Fact]
    public Task Flags_InheritedKeyOnceOnBaseProperty() => Verify.VerifyAsync(Sources.InheritedKey, Ef);

    [Fact]
    public Task Flags_ExplicitIdentity() => Verify.VerifyAsync(Sources.ExplicitIdentity, Ef);

    // ---------------------------------------------------------------- Does not flag

    [Fact]
    public Task DoesNotFlag_LongAndGuidKeys() => Verify.VerifyAsync(Sources.LongAndGuidKeys, Ef);

    [Fact]
    public Task DoesNotFlag_CompositeKeys() => Verify.VerifyAsync(Sources.CompositeKeys, Ef);

    [Fact]
    public Task DoesNotFlag_OwnedAndKeylessTypes() => Verify.VerifyAsync(Sources.OwnedAndKeyless, Ef);

    [Fact]
    public Task DoesNotFlag_ValueGeneratedNeverAndDatabaseGeneratedNone() => Verify.VerifyAsync(Sources.NeverGenerated, Ef);

    [Fact]
    public Task DoesNotFlag_SharedPrimaryKey() => Verify.VerifyAsync(Sources.SharedPrimaryKey, Ef);

    [Fact]
    public Task DoesNotFlag_ClassesThatAreNotEntities() => Verify.VerifyAsync(Sources.NotAnEntity, Ef);

    [Fact]
    public Task DoesNotFlag_ModelSnapshot() => Verify.VerifyAsync(Sources.ModelSnapshot, Ef);

    [Fact]
    public Task DoesNotFlag_WithoutEntityFrameworkCore() => Verify.VerifyAsync(Sources.WithoutEf, TestReferences.Net80);

    [Fact]
    public Task DoesNotFlag_KeyDeclaredInAnotherProject()
    {
        var test = new Verify.Test(Ef) { TestCode = Sources.ContextOverReferencedDomain };
        test.TestState.AdditionalProjects["Domain"].Sources.Add(("/Domain/Entity.cs", Sources.ReferencedDomain));
        test.TestState.AdditionalProjectReferences.Add("Domain");
        return test.RunAsync();
    }

    [Fact]
    public Task DoesNotFlag_ExcludedEntity() => Verify.VerifyAsync(
        Sources.Excluded,
        Ef,
        editorConfig: "postmortem.PM0012.excluded_symbols = T:Shop.AuditEntry");

    // ---------------------------------------------------------------- Fix

    [Fact]
    public Task Fix_WidensKeyAndForeignKeys() => Fix(Sources.KeyWithForeignKeys, Sources.KeyWithForeignKeysFixed);

    [Fact]
    public Task FixAll_WidensEveryKey() => Fix(Sources.TwoKeys, Sources.TwoKeysFixed, batchFixedSource: Sources.TwoKeysFixed);

    [Fact]
    public Task NoFix_WhenAnIntVariableReceivesTheKey()
    {
        var test = NewFixTest(Sources.KeyStoredInInt, Sources.KeyStoredInInt);
        test.NumberOfIncrementalIterations = 0;
        test.NumberOfFixAllIterations = 0;
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllCheck;
        return test.RunAsync(CancellationToken.None);
    }

    // ---------------------------------------------------------------- Helpers

    private static Task Fix(string source, string fixedSource, string? batchFixedSource = null)
    {
        var test = NewFixTest(source, fixedSource);
        if (batchFixedSource is not null)
        {
            test.BatchFixedCode = batchFixedSource;
        }

        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// The diagnostics are reported at compilation end, so they are not local to a document: the IDE offers the fix
    /// from the build's or the full-solution analysis' results, which the local-diagnostic check does not model.
    /// </summary>
    private static VerifyFix.Test NewFixTest(string source, string fixedSource)
    {
        var test = new VerifyFix.Test(Ef)
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = EquivalenceKeys.PM0012UseLong,
        };
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test;
    }

    /// <summary>The sources of the tests above, by shape. Robustness tests reuse them as a corpus of realistic code.</summary>
    public static class Sources
    {
        public const string ConventionId = """
            using Microsoft.EntityFrameworkCore;

            public sealed class Order
            {
                public int {|#0:Id|} { get; set; }
                public decimal Total { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
            }
            """;

        public const string TypeNameIdShortAndUnsigned = """
            using Microsoft.EntityFrameworkCore;

            public sealed class Customer
            {
                public int {|PM0012:CustomerId|} { get; set; }
            }

            public sealed class Country
            {
                public short {|PM0012:ID|} { get; set; }
            }

            public sealed class Counter
            {
                public uint {|PM0012:Id|} { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Customer> Customers { get; set; } = null!;
                public DbSet<Country> Countries { get; set; } = null!;
                public DbSet<Counter> Counters { get; set; } = null!;
            }
            """;

        public const string EntityFromModelBuilderAndConfiguration = """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class Invoice
            {
                public int {|PM0012:Id|} { get; set; }
            }

            public sealed class Payment
            {
                public int {|PM0012:Id|} { get; set; }
            }

            public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
            {
                public void Configure(EntityTypeBuilder<Payment> builder) => builder.ToTable("payments");
            }

            public sealed class BillingContext : DbContext
            {
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Invoice>().ToTable("invoices");
                    modelBuilder.ApplyConfiguration(new PaymentConfiguration());
                }
            }
            """;

        public const string KeyAttributeAndHasKey = """
            using System.ComponentModel.DataAnnotations;
            using Microsoft.EntityFrameworkCore;

            public sealed class Ticket
            {
                [Key]
                public int {|PM0012:Number|} { get; set; }
            }

            public sealed class Shipment
            {
                public int Id { get; set; }
                public int {|PM0012:Sequence|} { get; set; }
            }

            public sealed class Parcel
            {
                public int {|PM0012:Code|} { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Ticket> Tickets => Set<Ticket>();
                public DbSet<Shipment> Shipments => Set<Shipment>();
                public DbSet<Parcel> Parcels => Set<Parcel>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Shipment>().HasKey(s => s.Sequence);
                    modelBuilder.Entity<Parcel>(b => b.HasKey("Code"));
                }
            }
            """;

        public const string InheritedKey = """
            using Microsoft.EntityFrameworkCore;

            public abstract class Entity
            {
                public int {|PM0012:Id|} { get; set; }
            }

            public sealed class Product : Entity
            {
                public string Name { get; set; } = "";
            }

            public sealed class Category : Entity
            {
                public string Title { get; set; } = "";
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Product> Products => Set<Product>();
                public DbSet<Category> Categories => Set<Category>();
            }
            """;

        public const string ExplicitIdentity = """
            using System.ComponentModel.DataAnnotations.Schema;
            using Microsoft.EntityFrameworkCore;

            public sealed class Event
            {
                [DatabaseGenerated(DatabaseGeneratedOption.Identity)]
                public int {|PM0012:Id|} { get; set; }
            }

            public sealed class Reading
            {
                public int {|PM0012:Id|} { get; set; }
            }

            public sealed class TelemetryContext : DbContext
            {
                public DbSet<Event> Events => Set<Event>();
                public DbSet<Reading> Readings => Set<Reading>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                    => modelBuilder.Entity<Reading>().Property(r => r.Id).HasColumnName("reading_id").ValueGeneratedOnAdd();
            }
            """;

        public const string LongAndGuidKeys = """
            using System;
            using Microsoft.EntityFrameworkCore;

            public sealed class Order
            {
                public long Id { get; set; }
            }

            public sealed class Session
            {
                public Guid Id { get; set; }
            }

            public sealed class Tag
            {
                public string Id { get; set; } = "";
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Session> Sessions => Set<Session>();
                public DbSet<Tag> Tags => Set<Tag>();
            }
            """;

        public const string CompositeKeys = """
            using System.ComponentModel.DataAnnotations;
            using Microsoft.EntityFrameworkCore;

            public sealed class OrderLine
            {
                public int OrderId { get; set; }
                public int LineNumber { get; set; }
            }

            public sealed class Membership
            {
                [Key] public int GroupId { get; set; }
                [Key] public int UserId { get; set; }
            }

            [PrimaryKey(nameof(Region), nameof(Number))]
            public sealed class Store
            {
                public int Id { get; set; }
                public int Region { get; set; }
                public int Number { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<OrderLine> Lines => Set<OrderLine>();
                public DbSet<Membership> Memberships => Set<Membership>();
                public DbSet<Store> Stores => Set<Store>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                    => modelBuilder.Entity<OrderLine>().HasKey(l => new { l.OrderId, l.LineNumber });
            }
            """;

        public const string OwnedAndKeyless = """
            using Microsoft.EntityFrameworkCore;

            [Owned]
            public sealed class Address
            {
                public int Id { get; set; }
            }

            public sealed class Money
            {
                public int Id { get; set; }
            }

            [Keyless]
            public sealed class SalesReport
            {
                public int Id { get; set; }
            }

            public sealed class DailyTotal
            {
                public int Id { get; set; }
            }

            public sealed class Customer
            {
                public long Id { get; set; }
                public Address Address { get; set; } = new();
                public Money Balance { get; set; } = new();
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Customer> Customers => Set<Customer>();
                public DbSet<SalesReport> Reports => Set<SalesReport>();
                public DbSet<DailyTotal> Totals => Set<DailyTotal>();
                public DbSet<Address> Addresses => Set<Address>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Customer>().OwnsOne(c => c.Balance);
                    modelBuilder.Entity<DailyTotal>().HasNoKey();
                }
            }
            """;

        public const string NeverGenerated = """
            using System.ComponentModel.DataAnnotations.Schema;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Metadata.Builders;

            public sealed class Country
            {
                [DatabaseGenerated(DatabaseGeneratedOption.None)]
                public int Id { get; set; }
            }

            public sealed class Currency
            {
                public int Id { get; set; }
            }

            public sealed class Language
            {
                public short Id { get; set; }
            }

            public sealed class LanguageConfiguration : IEntityTypeConfiguration<Language>
            {
                public void Configure(EntityTypeBuilder<Language> builder)
                    => builder.Property(l => l.Id).HasColumnName("language_id").ValueGeneratedNever();
            }

            public sealed class ReferenceContext : DbContext
            {
                public DbSet<Country> Countries => Set<Country>();
                public DbSet<Currency> Currencies => Set<Currency>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Currency>().Property(c => c.Id).ValueGeneratedNever();
                    modelBuilder.ApplyConfiguration(new LanguageConfiguration());
                }
            }
            """;

        public const string SharedPrimaryKey = """
            using System.ComponentModel.DataAnnotations.Schema;
            using Microsoft.EntityFrameworkCore;

            public sealed class User
            {
                public long Id { get; set; }
                public Profile? Profile { get; set; }
                public Settings? Settings { get; set; }
            }

            public sealed class Profile
            {
                public int Id { get; set; }
                public User User { get; set; } = null!;
            }

            public sealed class Settings
            {
                [ForeignKey(nameof(User))]
                public int Id { get; set; }
                public User User { get; set; } = null!;
            }

            public sealed class Avatar
            {
                public int Id { get; set; }

                [ForeignKey(nameof(Id))]
                public User Owner { get; set; } = null!;
            }

            public sealed class AccountContext : DbContext
            {
                public DbSet<User> Users => Set<User>();
                public DbSet<Profile> Profiles => Set<Profile>();
                public DbSet<Settings> Settings => Set<Settings>();
                public DbSet<Avatar> Avatars => Set<Avatar>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                    => modelBuilder.Entity<User>().HasOne(u => u.Profile).WithOne(p => p.User).HasForeignKey<Profile>(p => p.Id);
            }
            """;

        public const string NotAnEntity = """
            using Microsoft.EntityFrameworkCore;

            public sealed class OrderDto
            {
                public int Id { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
            }
            """;

        public const string ModelSnapshot = """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Infrastructure;

            public sealed class Order
            {
                public long Id { get; set; }
            }

            public sealed class Legacy
            {
                public int Id { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
            }

            [DbContext(typeof(ShopContext))]
            public sealed class ShopContextModelSnapshot : ModelSnapshot
            {
                protected override void BuildModel(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Legacy>();
                    modelBuilder.Entity("Order", b => b.Property<int>("Id").ValueGeneratedOnAdd());
                }
            }
            """;

        public const string WithoutEf = """
            namespace Data
            {
                public class DbSet<T> { }

                public class DbContext { }

                public sealed class Order
                {
                    public int Id { get; set; }
                }

                public sealed class ShopContext : DbContext
                {
                    public DbSet<Order> Orders { get; } = new();
                }
            }
            """;

        public const string ReferencedDomain = """
            namespace Domain
            {
                public abstract class Entity
                {
                    public int Id { get; set; }
                }

                public sealed class Order : Entity
                {
                }
            }
            """;

        public const string ContextOverReferencedDomain = """
            using Microsoft.EntityFrameworkCore;

            public sealed class OrderingContext : DbContext
            {
                public DbSet<Domain.Order> Orders => Set<Domain.Order>();
            }
            """;

        public const string Excluded = """
            using Microsoft.EntityFrameworkCore;

            namespace Shop
            {
                public sealed class AuditEntry
                {
                    public int Id { get; set; }
                }

                public sealed class ShopContext : DbContext
                {
                    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
                }
            }
            """;

        public const string KeyWithForeignKeys = """
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            public sealed class Order
            {
                public int {|PM0012:Id|} { get; set; }
            }

            public sealed class OrderLine
            {
                public long Id { get; set; }
                public int OrderId { get; set; }
                public Order Order { get; set; } = null!;
            }

            public sealed class Refund
            {
                public long Id { get; set; }
                public int? OrderId { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<OrderLine> Lines => Set<OrderLine>();
                public DbSet<Refund> Refunds => Set<Refund>();

                public IQueryable<OrderLine> LinesOf(int orderId) => Lines.Where(l => l.OrderId == orderId);
            }
            """;

        public const string KeyWithForeignKeysFixed = """
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            public sealed class Order
            {
                public long Id { get; set; }
            }

            public sealed class OrderLine
            {
                public long Id { get; set; }
                public long OrderId { get; set; }
                public Order Order { get; set; } = null!;
            }

            public sealed class Refund
            {
                public long Id { get; set; }
                public long? OrderId { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<OrderLine> Lines => Set<OrderLine>();
                public DbSet<Refund> Refunds => Set<Refund>();

                public IQueryable<OrderLine> LinesOf(int orderId) => Lines.Where(l => l.OrderId == orderId);
            }
            """;

        public const string TwoKeys = """
            using Microsoft.EntityFrameworkCore;

            public sealed class Order
            {
                public int {|PM0012:Id|} { get; set; }
            }

            public sealed class Customer
            {
                public int {|PM0012:Id|} { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Customer> Customers => Set<Customer>();
            }
            """;

        public const string TwoKeysFixed = """
            using Microsoft.EntityFrameworkCore;

            public sealed class Order
            {
                public long Id { get; set; }
            }

            public sealed class Customer
            {
                public long Id { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Customer> Customers => Set<Customer>();
            }
            """;

        public const string KeyStoredInInt = """
            using Microsoft.EntityFrameworkCore;

            public sealed class Order
            {
                public int {|PM0012:Id|} { get; set; }
            }

            public sealed class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();

                public int LastId(Order order)
                {
                    int id = order.Id;
                    return id;
                }
            }
            """;
    }
}
