namespace Postmortem.Analyzers.EndToEnd.Infrastructure;

/// <summary>
/// One restored consumer for the tests of a class that build it unchanged, each with its own command-line
/// options (one at a time: they share its output folders).
/// </summary>
public sealed class SharedConsumerFixture
{
    public SharedConsumerFixture()
    {
        Consumer = ConsumerProject.Create(PackageFixture.Instance, "shared-consumer");
        var restore = Consumer.Restore();
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"Restoring the consumer project failed.{Environment.NewLine}{restore}");
        }
    }

    public ConsumerProject Consumer { get; }
}
