using LiveClassify.Core.Concurrency;

namespace LiveClassify.Tests.Core.Concurrency;

public sealed class TripleBufferTests
{
    private sealed class Box
    {
        public long A;
        public long B;
    }

    [Fact]
    public void Nothing_is_acquired_before_a_publish()
    {
        var buffer = new TripleBuffer<Box>(new(), new(), new());

        Assert.False(buffer.TryAcquire());
    }

    [Fact]
    public void The_consumer_gets_the_latest_published_value_once()
    {
        var buffer = new TripleBuffer<Box>(new(), new(), new());
        buffer.Back.A = 1;
        buffer.Publish();
        buffer.Back.A = 2;
        buffer.Publish();

        Assert.True(buffer.TryAcquire());
        Assert.Equal(2, buffer.Front.A);
        Assert.False(buffer.TryAcquire());
        Assert.Equal(2, buffer.Front.A);
    }

    [Fact]
    public void Back_and_front_are_never_the_same_instance()
    {
        var buffer = new TripleBuffer<Box>(new(), new(), new());
        for (int i = 0; i < 10; i++)
        {
            buffer.Publish();
            Assert.NotSame(buffer.Back, buffer.Front);
            if (i % 3 != 0)
            {
                buffer.TryAcquire();
            }

            Assert.NotSame(buffer.Back, buffer.Front);
        }
    }

    [Fact]
    public void The_three_instances_must_be_distinct()
    {
        var box = new Box();

        Assert.Throws<ArgumentException>(() => new TripleBuffer<Box>(box, box, new Box()));
        Assert.Throws<ArgumentException>(() => new TripleBuffer<Box>(new Box(), box, box));
        Assert.Throws<ArgumentNullException>(() => new TripleBuffer<Box>(new Box(), null!, new Box()));
    }

    [Fact]
    public void A_consumer_never_sees_a_half_written_value_under_stress()
    {
        // The producer writes A then B with the same number; a torn read would see them differ, and a value the
        // consumer acquired must not change while it reads it.
        var buffer = new TripleBuffer<Box>(new(), new(), new());
        const long Count = 300_000;
        long last = 0;
        long acquired = 0;
        var producer = new Thread(() =>
        {
            for (long i = 1; i <= Count; i++)
            {
                var back = buffer.Back;
                back.A = i;
                Thread.SpinWait(1);
                back.B = i;
                buffer.Publish();
            }
        });
        producer.Start();

        while (true)
        {
            bool finished = !producer.IsAlive;
            if (!buffer.TryAcquire())
            {
                if (finished)
                {
                    break;
                }

                continue;
            }

            var front = buffer.Front;
            long a = front.A;
            Thread.SpinWait(1);
            long b = front.B;
            long again = front.A;
            Assert.Equal(a, b);
            Assert.Equal(a, again);
            Assert.True(a > last, $"value {a} arrived after {last}");
            last = a;
            acquired++;
        }

        producer.Join();
        Assert.True(acquired > 0);
        Assert.Equal(Count, last);
    }
}
