namespace Wiber.Chaos.Server.Toxics;

/// <summary>
/// The behaviour of one toxic for one run of its stage on one link direction. A run ends when the stream ends
/// (after the toxic closed it) or when <see cref="StageRun.Interrupted"/> fires; an interrupted run must hand
/// on any chunk it still holds, so that toxics can be added, changed and removed on live connections
/// without losing or reordering bytes.
/// </summary>
internal interface IToxic
{
    Task RunAsync(StageRun run);
}
