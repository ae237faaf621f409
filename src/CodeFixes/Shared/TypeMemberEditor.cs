using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Postmortem.Analyzers.CodeFixes.Shared;

/// <summary>Member naming and placement shared by the fixes that add fields and constructors.</summary>
internal static class TypeMemberEditor
{
    /// <summary><paramref name="baseName"/>, or baseName2, baseName3... avoiding the type's members and <paramref name="taken"/>.</summary>
    public static string UniqueName(INamedTypeSymbol type, string baseName, ISet<string> taken)
    {
        var existing = new HashSet<string>(type.MemberNames);
        var name = baseName;
        for (var i = 2; existing.Contains(name) || taken.Contains(name); i++)
        {
            name = baseName + i;
        }

        taken.Add(name);
        return name;
    }

    /// <summary>Inserts members after the type's last field, or first when it has none.</summary>
    public static void InsertAfterFields(DocumentEditor editor, TypeDeclarationSyntax type, IReadOnlyList<MemberDeclarationSyntax> members)
    {
        if (members.Count == 0)
        {
            return;
        }

        var formatted = members.Select(m => m.WithAdditionalAnnotations(Formatter.Annotation)).ToArray();
        var lastField = type.Members.OfType<FieldDeclarationSyntax>().LastOrDefault();
        if (lastField is not null)
        {
            editor.InsertAfter(lastField, formatted);
        }
        else if (type.Members.Count > 0)
        {
            editor.InsertBefore(type.Members[0], formatted);
        }
        else
        {
            foreach (var member in formatted)
            {
                editor.AddMember(type, member);
            }
        }
    }
}
