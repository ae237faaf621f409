using Postmortem.Analyzers.Options;

namespace Postmortem.Analyzers.Tests.Options;

public sealed class OptionsReaderTests
{
    [Theory]
    [InlineData("T:A.B", new[] { "T:A.B" })]
    [InlineData("T:A.B, T:A.C", new[] { "T:A.B", "T:A.C" })]
    [InlineData("T:A.B T:A.C,N:A.D", new[] { "T:A.B", "T:A.C", "N:A.D" })]
    [InlineData("M:A.B.Run(System.String,System.Int32), T:A.C", new[] { "M:A.B.Run(System.String,System.Int32)", "T:A.C" })]
    [InlineData("M:A.B.ctor(System.Uri)", new[] { "M:A.B.#ctor(System.Uri)" })]
    [InlineData("M:A.B.ctor, M:A.B.cctor", new[] { "M:A.B.#ctor", "M:A.B.#cctor" })]
    [InlineData("M:A.B.Factor", new[] { "M:A.B.Factor" })]
    [InlineData(" , nonsense, X", new string[0])]
    public void SplitIds_SeparatesOnCommasAndSpacesOutsideParameterLists(string text, string[] expected)
        => Assert.Equal(expected, OptionsReader.SplitIds(text).ToArray());
}
