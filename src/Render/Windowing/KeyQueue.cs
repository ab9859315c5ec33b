namespace LiveClassify.Render.Windowing;

/// <summary>
/// A fixed ring of key presses between GLFW's callback and the loop. Both run on the window's thread (the callback
/// fires inside <c>glfwPollEvents</c>), so no locking; nothing is allocated after construction.
/// </summary>
internal sealed class KeyQueue
{
    private readonly KeyPress[] _items;
    private int _head;
    private int _count;

    public KeyQueue(int capacity) => _items = new KeyPress[capacity];

    /// <summary>Presses lost because the loop did not read the queue for a long time.</summary>
    public long Dropped { get; private set; }

    public void Enqueue(KeyPress press)
    {
        if (_count == _items.Length)
        {
            // Keep the older presses: they were typed first and the loop acts on them in order.
            Dropped++;
            return;
        }

        _items[(_head + _count) % _items.Length] = press;
        _count++;
    }

    public bool TryDequeue(out KeyPress press)
    {
        if (_count == 0)
        {
            press = default;
            return false;
        }

        press = _items[_head];
        _head = (_head + 1) % _items.Length;
        _count--;
        return true;
    }
}
