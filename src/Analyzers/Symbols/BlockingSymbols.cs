using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Symbols;

/// <summary>The framework and library types the blocking-call knowledge refers to.</summary>
internal sealed class BlockingSymbols
{
    private static readonly string[] s_inMemoryTypes =
    [
        "System.IO.MemoryStream",
        "System.IO.UnmanagedMemoryStream",
        "System.IO.StringReader",
        "System.IO.StringWriter"
    ];

    private static readonly string[] s_streamWrappers =
    [
        "System.IO.StreamReader",
        "System.IO.StreamWriter",
        "System.IO.BinaryReader",
        "System.IO.BinaryWriter",
        "System.IO.BufferedStream",
        "System.IO.Compression.GZipStream",
        "System.IO.Compression.DeflateStream",
        "System.IO.Compression.BrotliStream",
        "System.Security.Cryptography.CryptoStream"
    ];

    private readonly LazyTypes _types;

    public BlockingSymbols(Compilation c)
    {
        _types = new LazyTypes(c, 23);
    }

    public INamedTypeSymbol? CancellationToken => _types.Get(0, "System.Threading.CancellationToken");
    public INamedTypeSymbol? CancellationTokenSource => _types.Get(1, "System.Threading.CancellationTokenSource");
    public INamedTypeSymbol? Thread => _types.Get(2, "System.Threading.Thread");
    public INamedTypeSymbol? SemaphoreSlim => _types.Get(3, "System.Threading.SemaphoreSlim");
    public INamedTypeSymbol? Process => _types.Get(4, "System.Diagnostics.Process");
    public INamedTypeSymbol? WebClient => _types.Get(5, "System.Net.WebClient");
    public INamedTypeSymbol? SmtpClient => _types.Get(6, "System.Net.Mail.SmtpClient");
    public INamedTypeSymbol? Console => _types.Get(7, "System.Console");
    public INamedTypeSymbol? Stream => _types.Get(8, "System.IO.Stream");
    public INamedTypeSymbol? TextReader => _types.Get(9, "System.IO.TextReader");
    public INamedTypeSymbol? TextWriter => _types.Get(10, "System.IO.TextWriter");

    /// <summary>Streams, readers and writers over memory: their synchronous members never wait for I/O.</summary>
    public INamedTypeSymbol[] InMemoryTypes => _types.GetAll(21, s_inMemoryTypes);

    /// <summary>Readers, writers and streams that wrap the stream passed to their constructor: in memory when it is.</summary>
    public INamedTypeSymbol[] StreamWrappers => _types.GetAll(22, s_streamWrappers);
    public INamedTypeSymbol? DbConnection => _types.Get(11, "System.Data.Common.DbConnection");
    public INamedTypeSymbol? DbDataReader => _types.Get(12, "System.Data.Common.DbDataReader");

    /// <summary>ADO.NET commands: ExecuteReader, ExecuteNonQuery, ExecuteScalar and their async forms; CommandText.</summary>
    public INamedTypeSymbol? DbCommand => _types.Get(13, "System.Data.Common.DbCommand");
    public INamedTypeSymbol? DbCommandInterface => _types.Get(14, "System.Data.IDbCommand");
    public INamedTypeSymbol? Enumerable => _types.Get(15, "System.Linq.Enumerable");
    public INamedTypeSymbol? Queryable => _types.Get(16, "System.Linq.Queryable");
    public INamedTypeSymbol? QueryableInterface => _types.Get(17, "System.Linq.IQueryable");
    public INamedTypeSymbol? ObsoleteAttribute => _types.Get(18, "System.ObsoleteAttribute");

    /// <summary>Dapper's extension methods: Query*/Execute* and their *Async forms (whose parameter lists differ).</summary>
    public INamedTypeSymbol? DapperSqlMapper => _types.Get(19, "Dapper.SqlMapper");

    /// <summary>Its Flush only copies to a buffer writer in the common case.</summary>
    public INamedTypeSymbol? Utf8JsonWriter => _types.Get(20, "System.Text.Json.Utf8JsonWriter");
}
