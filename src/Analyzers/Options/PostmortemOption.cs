namespace Postmortem.Analyzers.Options;

/// <summary>An .editorconfig / .globalconfig key the package reads: declared once, documented on the rule pages.</summary>
public sealed class PostmortemOption
{
    public PostmortemOption(string key, string defaultValue, string description, string? ruleId = null)
    {
        Key = key;
        DefaultValue = defaultValue;
        Description = description;
        RuleId = ruleId;
    }

    /// <summary>The full key, lower snake case after the prefix: <c>postmortem.&lt;option&gt;</c> or <c>postmortem.&lt;RuleId&gt;.&lt;option&gt;</c>.</summary>
    public string Key { get; }

    /// <summary>The value used when the key is absent or cannot be parsed, as written in a config file.</summary>
    public string DefaultValue { get; }

    /// <summary>One sentence for the docs.</summary>
    public string Description { get; }

    /// <summary>The rule that owns the option, or null for a shared option.</summary>
    public string? RuleId { get; }
}
