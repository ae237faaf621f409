namespace Postmortem.Analyzers.Options;

/// <summary>Catalog-wide conventions that depend on a rule's category.</summary>
public static class RuleTraits
{
    /// <summary>Resources and Security rules leave test code alone unless <c>postmortem.include_tests = true</c>.</summary>
    public static bool SkipsTestCode(string ruleId)
    {
        foreach (var descriptor in Descriptors.All)
        {
            if (descriptor.Id == ruleId)
            {
                return descriptor.Category is DiagnosticCategories.Resources or DiagnosticCategories.Security;
            }
        }

        return false;
    }
}
