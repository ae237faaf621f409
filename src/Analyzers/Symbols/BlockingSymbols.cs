using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>The framework and library types the blocking-call knowledge refers to.</summary>
internal sealed class BlockingSymbols
{
    public BlockingSymbols(Compilation c)
    {
        CancellationToken = TypeResolver.Resolve(c, "System.Threading.CancellationToken");
        CancellationTokenSource = TypeResolver.Resolve(c, "System.Threading.CancellationTokenSource");
        Thread = TypeResolver.Resolve(c, "System.Threading.Thread");
        SemaphoreSlim = TypeResolver.Resolve(c, "System.Threading.SemaphoreSlim");
        Process = TypeResolver.Resolve(c, "System.Diagnostics.Process");
        WebClient = TypeResolver.Resolve(c, "System.Net.WebClient");
        SmtpClient = TypeResolver.Resolve(c, "System.Net.Mail.SmtpClient");
        Console = TypeResolver.Resolve(c, "System.Console");
        Stream = TypeResolver.Resolve(c, "System.IO.Stream");
        TextReader = TypeResolver.Resolve(c, "System.IO.TextReader");
        TextWriter = TypeResolver.Resolve(c, "System.IO.TextWriter");
        InMemoryTypes = TypeResolver.ResolveAll(c,
            "System.IO.MemoryStream",
            "System.IO.UnmanagedMemoryStream",
            "System.IO.StringReader",
            "System.IO.StringWriter");
        StreamWrappers = TypeResolver.ResolveAll(c,
            "System.IO.StreamReader",
            "System.IO.StreamWriter",
            "System.IO.BinaryReader",
            "System.IO.BinaryWriter",
            "System.IO.BufferedStream",
            "System.IO.Compression.GZipStream",
            "System.IO.Compression.DeflateStream",
            "System.IO.Compression.BrotliStream",
            "System.Security.Cryptography.CryptoStream");
        DbConnection = TypeResolver.Resolve(c, "System.Data.Common.DbConnection");
        DbDataReader = TypeResolver.Resolve(c, "System.Data.Common.DbDataReader");
        DbCommand = TypeResolver.Resolve(c, "System.Data.Common.DbCommand");
        DbCommandInterface = TypeResolver.Resolve(c, "System.Data.IDbCommand");
        Enumerable = TypeResolver.Resolve(c, "System.Linq.Enumerable");
        Queryable = TypeResolver.Resolve(c, "System.Linq.Queryable");
        QueryableInterface = TypeResolver.Resolve(c, "System.Linq.IQueryable");
        ObsoleteAttribute = TypeResolver.Resolve(c, "System.ObsoleteAttribute");
        DapperSqlMapper = TypeResolver.Resolve(c, "Dapper.SqlMapper");
        Utf8JsonWriter = TypeResolver.Resolve(c, "System.Text.Json.Utf8JsonWriter");
    }

    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? CancellationTokenSource { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? SemaphoreSlim { get; }
    public INamedTypeSymbol? Process { get; }
    public INamedTypeSymbol? WebClient { get; }
    public INamedTypeSymbol? SmtpClient { get; }
    public INamedTypeSymbol? Console { get; }
    public INamedTypeSymbol? Stream { get; }
    public INamedTypeSymbol? TextReader { get; }
    public INamedTypeSymbol? TextWriter { get; }

    /// <summary>Streams, readers and writers over memory: their synchronous members never wait for I/O.</summary>
    public INamedTypeSymbol[] InMemoryTypes { get; }

    /// <summary>Readers, writers and streams that wrap the stream passed to their constructor: in memory when it is.</summary>
    public INamedTypeSymbol[] StreamWrappers { get; }
    public INamedTypeSymbol? DbConnection { get; }
    public INamedTypeSymbol? DbDataReader { get; }

    /// <summary>ADO.NET commands: ExecuteReader, ExecuteNonQuery, ExecuteScalar and their async forms; CommandText.</summary>
    public INamedTypeSymbol? DbCommand { get; }
    public INamedTypeSymbol? DbCommandInterface { get; }
    public INamedTypeSymbol? Enumerable { get; }
    public INamedTypeSymbol? Queryable { get; }
    public INamedTypeSymbol? QueryableInterface { get; }
    public INamedTypeSymbol? ObsoleteAttribute { get; }

    /// <summary>Dapper's extension methods: Query*/Execute* and their *Async forms (whose parameter lists differ).</summary>
    public INamedTypeSymbol? DapperSqlMapper { get; }

    /// <summary>Its Flush only copies to a buffer writer in the common case.</summary>
    public INamedTypeSymbol? Utf8JsonWriter { get; }
}
