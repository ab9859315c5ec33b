namespace LiveClassify.Core.Concurrency;

/// <summary>
/// Latest-value hand-over between one producer thread and one consumer thread without locks or allocation: the
/// producer fills <see cref="Back"/> and publishes it; the consumer swaps in the newest published value whenever it
/// likes. Neither ever waits for the other, which is how the render loop reads predictions without blocking on
/// inference.
/// </summary>
/// <remarks>
/// Three instances rotate between the roles back (producer writing), middle (latest published) and front (consumer
/// reading). The producer only touches <see cref="Back"/> and <see cref="Publish"/>; the consumer only
/// <see cref="TryAcquire"/> and <see cref="Front"/>. A value stays valid for the consumer until its next successful
/// <see cref="TryAcquire"/>.
/// </remarks>
public sealed class TripleBuffer<T>
    where T : class
{
    private const int FreshBit = 4;
    private readonly T[] _slots;
    private int _back;
    private int _middle;
    private int _front;

    /// <summary>Creates the buffer over three distinct instances.</summary>
    /// <exception cref="ArgumentException">Two arguments are the same instance, so producer and consumer would share it.</exception>
    public TripleBuffer(T first, T second, T third)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(third);
        if (ReferenceEquals(first, second) || ReferenceEquals(second, third) || ReferenceEquals(first, third))
        {
            throw new ArgumentException("A triple buffer needs three distinct instances: a shared one would be written while it is read.");
        }

        _slots = [first, second, third];
        _back = 0;
        _middle = 1;
        _front = 2;
    }

    /// <summary>The instance the producer fills next.</summary>
    public T Back => _slots[_back];

    /// <summary>The instance the consumer read last.</summary>
    public T Front => _slots[_front];

    /// <summary>Makes <see cref="Back"/> the latest value and gives the producer a fresh back instance.</summary>
    public void Publish()
    {
        int previous = Interlocked.Exchange(ref _middle, _back | FreshBit);
        _back = previous & ~FreshBit;
    }

    /// <summary>Moves the latest published value to <see cref="Front"/>; false when nothing new was published.</summary>
    public bool TryAcquire()
    {
        if ((Volatile.Read(ref _middle) & FreshBit) == 0)
        {
            return false;
        }

        int previous = Interlocked.Exchange(ref _middle, _front);
        _front = previous & ~FreshBit;
        return true;
    }
}
