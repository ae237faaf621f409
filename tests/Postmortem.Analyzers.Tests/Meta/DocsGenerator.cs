using System.Text;
using Microsoft.CodeAnalysis;
using Postmortem.Analyzers.Options;
using Postmortem.Analyzers.Tests.References;

namespace Postmortem.Analyzers.Tests.Meta;

/// <summary>
/// Generates the tables that README.md, docs/README.md and each docs/rules page carry between marker comments.
/// The meta-tests compare the files with this output; set POSTMORTEM_UPDATE_DOCS=1 to rewrite them instead.
/// </summary>
public static class DocsGenerator
{
    public const string UpdateVariable = "POSTMORTEM_UPDATE_DOCS";

    public static readonly string[] RulePageHeadings =
    {
        "## The incident",
        "## What is flagged",
        "## What is not flagged",
        "## Flagged code",
        "## Fixed code",
        "## Code fix",
        "## Options",
        "## When to suppress",
        "## Related rules",
    };

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string RepositoryPath(params string[] parts) => Path.Combine(new[] { TestReferences.RepositoryRoot }.Concat(parts).ToArray());

    public static string RulesTable(string linkPrefix)
    {
        var builder = new StringBuilder();
        builder.Append("| ID | Title | Category | Severity | Code fix |\n");
        builder.Append("|---|---|---|---|---|\n");
        foreach (var descriptor in RuleCatalog.Descriptors.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            builder.Append($"| [{descriptor.Id}]({linkPrefix}{descriptor.Id}.md) | {descriptor.Title} | {descriptor.Category} | {descriptor.DefaultSeverity} | {YesNo(RuleCatalog.HasCodeFix(descriptor.Id))} |\n");
        }

        return builder.ToString();
    }

    public static string MetadataTable(DiagnosticDescriptor descriptor)
    {
        var options = string.Join(", ", OptionCatalog.ForRule(descriptor.Id).Select(o => $"`{o.Key}`"));
        var builder = new StringBuilder();
        builder.Append("| Property | Value |\n");
        builder.Append("|---|---|\n");
        builder.Append($"| ID | {descriptor.Id} |\n");
        builder.Append($"| Category | {descriptor.Category} |\n");
        builder.Append($"| Default severity | {descriptor.DefaultSeverity} |\n");
        builder.Append($"| Enabled by default | {YesNo(descriptor.IsEnabledByDefault)} |\n");
        builder.Append($"| Code fix | {YesNo(RuleCatalog.HasCodeFix(descriptor.Id))} |\n");
        builder.Append($"| Options | {options} |\n");
        return builder.ToString();
    }

    /// <summary>The text between <c>&lt;!-- name:start --&gt;</c> and <c>&lt;!-- name:end --&gt;</c>, without the surrounding new lines.</summary>
    public static string? ReadRegion(string text, string name)
    {
        var (start, end) = Markers(name);
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            return null;
        }

        return text.Substring(from + start.Length, to - from - start.Length).Replace("\r\n", "\n").Trim('\n') + "\n";
    }

    public static string WriteRegion(string text, string name, string content)
    {
        var (start, end) = Markers(name);
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            throw new InvalidOperationException($"Markers {start} / {end} are missing.");
        }

        return text.Substring(0, from + start.Length) + "\n" + content + text.Substring(to);
    }

    private static (string Start, string End) Markers(string name) => ($"<!-- {name}:start -->", $"<!-- {name}:end -->");

    private static string YesNo(bool value) => value ? "Yes" : "No";
}
