using System;
using System.IO;
using System.Xml;
using System.Xml.Serialization;
using MediaBrowser.Model.Serialization;

namespace Jellyfin.Plugin.Simkl.Testing.Support;

/// <summary>
/// A working IXmlSerializer, as the server's is, so configuration really round-trips through XML in tests
/// (the server's serializer is System.Xml.Serialization too).
/// </summary>
public sealed class XmlFileSerializer : IXmlSerializer
{
    public object DeserializeFromStream(Type type, Stream stream)
    {
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return new XmlSerializer(type).Deserialize(reader)!;
    }

    public void SerializeToStream(object obj, Stream stream) => new XmlSerializer(obj.GetType()).Serialize(stream, obj);

    public void SerializeToFile(object obj, string file)
    {
        using var stream = File.Create(file);
        SerializeToStream(obj, stream);
    }

    public object DeserializeFromFile(Type type, string file)
    {
        using var stream = File.OpenRead(file);
        return DeserializeFromStream(type, stream);
    }

    public object DeserializeFromBytes(Type type, byte[] buffer)
    {
        using var stream = new MemoryStream(buffer);
        return DeserializeFromStream(type, stream);
    }
}
