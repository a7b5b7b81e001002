namespace Wiber.Broker.StateMachine;

/// <summary>
/// A growable circular queue with indexed access: append at the tail, evict at the head, read any position.
/// Retention evicts from the head, so the array is sized to what is retained: it doubles when full and
/// halves when a quarter full, which keeps memory proportional to the retained count.
/// </summary>
internal sealed class RingBuffer<T>
{
    private const int MinCapacity = 4;
    private T[] _items = [];
    private int _head;

    public int Count { get; private set; }

    public int Capacity => _items.Length;

    /// <summary>The item <paramref name="position"/> places after the head.</summary>
    public T this[int position]
    {
        get
        {
            if ((uint)position >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(position));
            }
            return _items[Wrap(_head + position)];
        }
    }

    public T First => this[0];

    public T Last => this[Count - 1];

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Resize(Math.Max(MinCapacity, _items.Length * 2));
        }
        _items[Wrap(_head + Count)] = item;
        Count++;
    }

    public T RemoveFirst()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("the buffer is empty");
        }
        var item = _items[_head];
        _items[_head] = default!; // drop the reference so an evicted payload can be collected
        _head = Wrap(_head + 1);
        Count--;
        if (Count <= _items.Length / 4 && _items.Length > MinCapacity)
        {
            Resize(Math.Max(MinCapacity, _items.Length / 2));
        }
        return item;
    }

    /// <summary>Copies <paramref name="count"/> items starting <paramref name="position"/> after the head.</summary>
    public T[] Copy(int position, int count)
    {
        if (position < 0 || count < 0 || position + count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }
        var result = new T[count];
        var start = Wrap(_head + position);
        var firstPart = Math.Min(count, _items.Length - start);
        Array.Copy(_items, start, result, 0, firstPart);
        Array.Copy(_items, 0, result, firstPart, count - firstPart);
        return result;
    }

    /// <summary>First position whose key is not less than <paramref name="key"/>, assuming keys never decrease.</summary>
    public int LowerBound<TKey>(TKey key, Func<T, TKey> keyOf)
        where TKey : IComparable<TKey>
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (keyOf(this[mid]).CompareTo(key) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private int Wrap(int position) => position >= _items.Length ? position - _items.Length : position;

    private void Resize(int capacity)
    {
        var items = new T[capacity];
        if (Count > 0)
        {
            var firstPart = Math.Min(Count, _items.Length - _head);
            Array.Copy(_items, _head, items, 0, firstPart);
            Array.Copy(_items, 0, items, firstPart, Count - firstPart);
        }
        _items = items;
        _head = 0;
    }
}
