namespace Wiber.Broker.Hosting;

/// <summary>
/// Answers proposals in batches. The loop collects every outcome of one round and hands the batch to one
/// thread-pool work item, which completes them in order; each waiting caller's continuation runs there,
/// inline. One hand-off per round instead of one per proposal — on two cores, waking and parking a worker
/// per message was a quarter of the broker's CPU — and still never a caller's code on the loop itself.
/// </summary>
internal sealed class ProposalAnswers
{
    private List<(TaskCompletionSource<ProposalOutcome> Completion, ProposalOutcome Outcome)> _batch = [];

    /// <summary>A completion source for a proposal: continuations run synchronously, on the batch's worker.</summary>
    public static TaskCompletionSource<ProposalOutcome> NewCompletion() => new(TaskCreationOptions.None);

    public void Add(TaskCompletionSource<ProposalOutcome> completion, ProposalOutcome outcome) => _batch.Add((completion, outcome));

    /// <summary>Hands this round's answers to a worker; call at the end of every loop round.</summary>
    public void Dispatch()
    {
        if (_batch.Count == 0)
        {
            return;
        }
        var batch = _batch;
        _batch = new List<(TaskCompletionSource<ProposalOutcome>, ProposalOutcome)>(batch.Count);
        ThreadPool.UnsafeQueueUserWorkItem(static answers =>
        {
            foreach (var (completion, outcome) in answers)
            {
                completion.TrySetResult(outcome);
            }
        }, batch, preferLocal: false);
    }
}
