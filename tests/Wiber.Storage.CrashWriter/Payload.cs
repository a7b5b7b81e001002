namespace Wiber.Storage.CrashWriter;

/// <summary>The data written at each index is a function of the index, so a reader can check it without a log of its own.</summary>
public static class Payload
{
    public static byte[] For(ulong index)
    {
        var bytes = new byte[16 + (int)(index % 200)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((index * 31) + (ulong)i);
        }
        return bytes;
    }
}
