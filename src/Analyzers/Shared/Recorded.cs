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
    private readonly ThreadLocal<Chunks> _lists = new(static () => new Chunks(), trackAllValues: true);

    public void Add(T item) => _lists.Value!.Add(item);

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var list in _lists.Values)
        {
            foreach (var chunk in list.Full)
            {
                foreach (var item in chunk)
                {
                    yield return item;
                }
            }

            for (var i = 0; i < list.Count; i++)
            {
                yield return list.Current[i];
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// One thread's items in arrays that are never copied: a full array is kept and a new one started, each twice the size of
    /// the last up to <see cref="MaxChunk"/> items. A large project records hundreds of thousands of calls; a growing list
    /// would copy them over and over, into arrays large enough for the large-object heap and its full collections.
    /// </summary>
    private sealed class Chunks
    {
        private const int FirstChunk = 16;
        private const int MaxChunk = 1024;

        public List<T[]> Full { get; } = new();

        public T[] Current { get; private set; } = new T[FirstChunk];

        public int Count { get; private set; }

        public void Add(T item)
        {
            if (Count == Current.Length)
            {
                Full.Add(Current);
                Current = new T[System.Math.Min(Current.Length * 2, MaxChunk)];
                Count = 0;
            }

            Current[Count++] = item;
        }
    }
}
