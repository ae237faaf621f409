using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace Postmortem.Analyzers.Shared;

/// <summary>
/// Facts recorded from any number of analysis threads while a compilation is analyzed, and read once, at compilation end
/// (when no thread records any more). Each thread appends to a list of its own: unlike a shared queue, recording touches
/// no counter, cache line or lock that another thread is using, and calls are recorded at every call site.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "Lives as long as one compilation's analysis; nothing knows when its last reader is done, and the thread-local lists are released with it.")]
internal sealed class Recorded<T> : IEnumerable<T>
{
    private readonly ThreadLocal<List<T>> _lists = new(static () => new List<T>(), trackAllValues: true);

    public void Add(T item) => _lists.Value!.Add(item);

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var list in _lists.Values)
        {
            foreach (var item in list)
            {
                yield return item;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
