namespace Wiber.Checker.Tests.Simulation;

/// <summary>
/// Generates the history a correct cluster would produce, from one seed: concurrent processes publish
/// to two topics with ok / failed / unknown outcomes (unknowns written or not), some ids retried; a
/// partition of the leader, a heal, a kill of the new leader and its start change leaders in new terms; status polls
/// follow; subscribers reconnect and re-read; final scans of differing length end the run (the first
/// node always reads everything, so nothing is merely unverified).
/// </summary>
internal static class CleanHistoryGenerator
{
    public const long T0 = 1_700_000_000_000;

    private static readonly string[] Topics = ["orders", "chat"];

    public static SimulatedRun Generate(int seed, int publishes = 300, bool subscriptions = true)
    {
        var rng = new Random(seed);
        string[] nodes = ["n1", "n2", "n3"];
        var processes = new[] { "p1", "p2", "p3", "p4" };
        var records = new List<HistoryRecord>();
        var logs = Topics.ToDictionary(t => t, _ => new List<string>(), StringComparer.Ordinal);
        var committed = 0L;
        var term = 1L;
        var leader = "n1";
        var now = T0;
        var nextPoll = T0;
        string? down = null;
        var faultAt = new Dictionary<int, Action>
        {
            [publishes * 2 / 10] = () => Fault("partition", [leader], "isolate " + leader),
            [publishes * 4 / 10] = () => Fault("heal", [], "heal all"),
            [publishes * 6 / 10] = () => Fault("kill", [leader], null),
            [publishes * 7 / 10] = () => Fault("start", [down!], null),
            [publishes * 8 / 10] = () => Fault("heal", [], null),
        };
        for (var k = 0; k < publishes; k++)
        {
            if (faultAt.TryGetValue(k, out var fault))
            {
                fault();
            }

            PollUntil(now);
            var process = processes[rng.Next(processes.Length)];
            var topic = Topics[rng.Next(Topics.Length)];
            var id = $"{process}-{k}";
            var invoke = now + rng.Next(0, 3);
            var complete = invoke + 1 + rng.Next(0, 40);
            var roll = rng.Next(100);
            if (roll < 8)
            {
                records.Add(new PublishRecord(process, topic, id, invoke, complete, PublishOutcome.Failed, null, "ERR NOT_LEADER"));
            }
            else if (roll < 20)
            {
                var written = rng.Next(2) == 0;
                if (written)
                {
                    Append(topic, id);
                }

                records.Add(new PublishRecord(process, topic, id, invoke, complete, PublishOutcome.Unknown, null, "timeout"));
            }
            else
            {
                var offset = Append(topic, id);
                if (roll < 30)
                {
                    // A retry: the first attempt timed out, the second got the original offset back.
                    records.Add(new PublishRecord(process, topic, id, invoke, complete, PublishOutcome.Unknown, null, "timeout"));
                    invoke = complete + 1;
                    complete = invoke + 1 + rng.Next(0, 10);
                }
                else if (roll < 33)
                {
                    // A failed attempt, then a successful retry of the same id.
                    records.Add(new PublishRecord(process, topic, id, invoke, complete, PublishOutcome.Failed, null, "ERR NOT_LEADER"));
                    invoke = complete + 1;
                    complete = invoke + 1 + rng.Next(0, 10);
                }

                records.Add(new PublishRecord(process, topic, id, invoke, complete, PublishOutcome.Ok, offset));
            }

            now += 2 + rng.Next(0, 8);
        }

        now += 50;
        PollUntil(now);
        var finalScans = new List<FinalScan>();
        if (subscriptions)
        {
            Subscribe("n2", "chat");
        }

        foreach (var node in nodes)
        {
            foreach (var topic in Topics)
            {
                var log = logs[topic];

                // Followers may stop a little short; n1's read is complete.
                var reach = node == "n1" ? log.Count - 1 : Math.Max(-1, log.Count - 1 - rng.Next(0, 4));
                var scan = $"final-{node}-{topic}";
                for (var offset = 0; offset <= reach; offset++)
                {
                    records.Add(new ReadRecord(node, topic, offset, log[offset], now++, scan));
                }

                finalScans.Add(new FinalScan(node, topic, scan, reach));
            }
        }

        return new SimulatedRun { Records = records, Logs = logs, FinalScans = finalScans, Nodes = nodes };

        long Append(string topic, string id)
        {
            logs[topic].Add(id);
            committed++;
            return logs[topic].Count - 1;
        }

        void Fault(string kind, string[] on, string? detail)
        {
            now += 20;
            records.Add(new EventRecord(now, kind, on, detail));
            if (kind is "partition" or "kill")
            {
                // The old leader is cut off: a new one is elected in a new term (and commits its no-op).
                down = on[0];
                term++;
                leader = nodes.First(n => n != down);
                committed++;
            }
            else if (kind is "heal" or "start")
            {
                down = null;
            }

            now += 20;
        }

        void PollUntil(long until)
        {
            while (nextPoll <= until)
            {
                foreach (var node in nodes)
                {
                    var role = node == leader ? NodeRole.Leader : node == down ? NodeRole.Unknown : NodeRole.Follower;
                    var commit = node == leader ? committed : Math.Max(0, committed - rng.Next(0, 3));
                    records.Add(new StatusRecord(node, nextPoll, role, node == down ? term - 1 : term, commit, node == down ? null : leader));
                }

                nextPoll += 100;
            }
        }

        void Subscribe(string node, string topic)
        {
            // Two sessions: the second resumes two offsets back after a reconnect, so some offsets repeat.
            var log = logs[topic];
            var cut = log.Count / 2;
            for (var offset = 0; offset < cut; offset++)
            {
                records.Add(new ReadRecord(node, topic, offset, log[offset], now++, $"sub-{node}-1"));
            }

            for (var offset = Math.Max(0, cut - 2); offset < log.Count; offset++)
            {
                records.Add(new ReadRecord(node, topic, offset, log[offset], now++, $"sub-{node}-2"));
            }
        }
    }
}
