using System;

namespace Postmortem.Analyzers.Shared;

/// <summary>Name and text matching shared by the rules that recognise intent from names (tenants, markers, key parts).</summary>
internal static class Words
{
    /// <summary>True when <paramref name="text"/> contains one of <paramref name="words"/>, ignoring case.</summary>
    public static bool ContainsAny(string text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
