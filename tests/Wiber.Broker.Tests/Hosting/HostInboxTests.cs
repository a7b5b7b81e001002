using Wiber.Broker.Hosting;
using Wiber.Raft;

namespace Wiber.Broker.Tests.Hosting;

public sealed class HostInboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HostWork Item(ulong n) => new HostWork.Inbound(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = n });

    [Fact]
    public async Task Every_item_from_concurrent_writers_reaches_the_reader_in_each_writers_order()
    {
        // Writers that pause now and then make the reader sleep and wake many times: a lost wake-up hangs.
        const int writers = 4, perWriter = 50_000;
        var inbox = new HostInbox(int.MaxValue);
        var seen = new ulong[writers];
        var received = 0;
        var reader = Task.Run(async () =>
        {
            while (received < writers * perWriter && await inbox.WaitAsync(Ct))
            {
                while (inbox.TryTake(out var work))
                {
                    var term = ((HostWork.Inbound)work).Message.Term;
                    var (writer, n) = ((int)(term >> 32), term & 0xFFFF_FFFF);
                    Assert.Equal(seen[writer] + 1, n);
                    seen[writer] = n;
                    received++;
                }
            }
        }, Ct);
        var sending = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (ulong n = 1; n <= perWriter; n++)
            {
                Assert.True(inbox.TryAdd(Item(((ulong)w << 32) | n)));
                if (n % 5_000 == 0)
                {
                    await Task.Delay(1, Ct);
                }
            }
        }, Ct)).ToArray();
        await Task.WhenAll(sending);

        await reader.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(writers * perWriter, received);
        Assert.Equal(0, inbox.Count);
    }

    [Fact]
    public void A_full_inbox_refuses_work_except_the_hosts_own_reports()
    {
        var inbox = new HostInbox(2);
        Assert.True(inbox.TryAdd(Item(1)));
        Assert.True(inbox.TryAdd(Item(2)));

        Assert.False(inbox.TryAdd(Item(3)));
        Assert.True(inbox.TryAdd(HostWork.Durable.Instance, ignoreBound: true));
        Assert.Equal(3, inbox.Count);

        Assert.True(inbox.TryTake(out _));
        Assert.True(inbox.TryTake(out _));
        Assert.True(inbox.TryAdd(Item(4)));
    }

    [Fact]
    public async Task Closing_wakes_a_sleeping_reader_and_refuses_new_work_while_the_queued_can_still_be_taken()
    {
        var inbox = new HostInbox(10);
        var waiting = inbox.WaitAsync(Ct).AsTask();
        await Task.Delay(50, Ct);
        Assert.False(waiting.IsCompleted);

        inbox.Close();

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.False(inbox.TryAdd(Item(1)));
        Assert.True(inbox.IsClosed);
    }

    [Fact]
    public async Task A_sleeping_reader_wakes_for_one_item()
    {
        var inbox = new HostInbox(10);
        var waiting = inbox.WaitAsync(Ct).AsTask();
        await Task.Delay(50, Ct);

        inbox.TryAdd(Item(7));

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.True(inbox.TryTake(out var work));
        Assert.Equal(7ul, ((HostWork.Inbound)work).Message.Term);
    }
}
