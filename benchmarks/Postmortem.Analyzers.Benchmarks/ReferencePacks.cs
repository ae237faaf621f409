using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Benchmarks;

/// <summary>
/// The reference assemblies of the .NET and ASP.NET Core shared frameworks, from the targeting packs of the SDK
/// this process runs on: dotnet root → packs/&lt;pack&gt;/&lt;highest version&gt;/ref/&lt;highest netX.Y&gt;.
/// </summary>
internal static class ReferencePacks
{
    public static readonly string[] Packs = ["Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref"];

    public static (List<MetadataReference> References, List<string> Folders) Load()
    {
        var root = DotnetRoot();
        var references = new List<MetadataReference>();
        var folders = new List<string>();
        foreach (var pack in Packs)
        {
            var folder = RefFolder(Path.Combine(root, "packs", pack));
            folders.Add(folder);
            references.AddRange(Directory.GetFiles(folder, "*.dll")
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => MetadataReference.CreateFromFile(path)));
        }

        return (references, folders);
    }

    /// <summary>The dotnet root: DOTNET_ROOT if set, else three levels above the running shared framework.</summary>
    private static string DotnetRoot()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } configured && Directory.Exists(Path.Combine(configured, "packs")))
        {
            return configured;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        return Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
    }

    private static string RefFolder(string packFolder)
    {
        if (!Directory.Exists(packFolder))
        {
            throw new DirectoryNotFoundException($"Targeting pack not found: {packFolder}");
        }

        var version = Directory.GetDirectories(packFolder)
            .Select(dir => (Dir: dir, Version: ParseVersion(Path.GetFileName(dir))))
            .Where(v => v.Version is not null)
            .OrderByDescending(v => v.Version)
            .Select(v => v.Dir)
            .FirstOrDefault() ?? throw new DirectoryNotFoundException($"No version of {packFolder}");
        return Directory.GetDirectories(Path.Combine(version, "ref"), "net*")
            .OrderByDescending(dir => ParseVersion(Path.GetFileName(dir)[3..]))
            .First();
    }

    private static Version? ParseVersion(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return Version.TryParse(dash < 0 ? text : text[..dash], out var version) ? version : null;
    }
}
