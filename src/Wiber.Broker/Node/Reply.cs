using System.Buffers;

namespace Wiber.Broker.Node;

/// <summary>
/// What a request produced, to be written in request order. <see cref="AfterWrite"/> runs once the reply is
/// on its way (a subscription starts delivering only after its OK).
/// </summary>
internal sealed record Reply(Action<IBufferWriter<byte>> Write, Action? AfterWrite = null, bool Close = false)
{
    public static Reply Of(Action<IBufferWriter<byte>> write) => new(write);
}
