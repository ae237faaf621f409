using System.Threading;
using Microsoft.CodeAnalysis;

namespace Postmortem.Analyzers.Options;

/// <summary>
/// Whether a rule is turned off for the whole compilation. The compiler runs an analyzer even when .editorconfig or a
/// global config sets its severity to none (it only skips analyzers turned off on the command line or in a rule set), so
/// a rule asks at compilation start and registers nothing: a rule the user turned off costs nothing.
/// </summary>
internal static class RuleSeverity
{
    /// <summary>
    /// True when every file of <paramref name="compilation"/> has <paramref name="ruleId"/> explicitly set to none: in its
    /// .editorconfig section, else in a global config, else on the command line (<c>NoWarn</c>) or in a rule set. A rule
    /// left at its default, or set by category (<c>dotnet_analyzer_diagnostic.category-*</c>), is not off.
    /// </summary>
    public static bool IsOffEverywhere(Compilation compilation, string ruleId, CancellationToken cancellationToken)
    {
        var options = compilation.Options;
        var provider = options.SyntaxTreeOptionsProvider;
        bool hasFallback;
        ReportDiagnostic fallback;
        if (provider is not null && provider.TryGetGlobalDiagnosticValue(ruleId, cancellationToken, out var global))
        {
            hasFallback = true;
            fallback = global;
        }
        else
        {
            hasFallback = options.SpecificDiagnosticOptions.TryGetValue(ruleId, out fallback);
        }

        var off = hasFallback && fallback == ReportDiagnostic.Suppress;
        if (provider is null)
        {
            return off;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (provider.TryGetDiagnosticValue(tree, ruleId, cancellationToken, out var severity))
            {
                if (severity != ReportDiagnostic.Suppress)
                {
                    return false;
                }
            }
            else if (!off)
            {
                return false;
            }
        }

        return true;
    }
}
