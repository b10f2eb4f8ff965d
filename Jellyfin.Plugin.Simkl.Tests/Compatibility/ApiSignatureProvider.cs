using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection.Metadata;

namespace Jellyfin.Plugin.Simkl.Tests.Compatibility;

/// <summary>
/// Spells a metadata signature the way the allow-list writes it: namespace-qualified type names, nested types after
/// '/', generic arguments in angle brackets, type parameters as !0 (type) and !!0 (method). Custom modifiers are kept
/// because the runtime binds on them too (an init-only setter is not the same member as a plain setter).
/// </summary>
internal sealed class ApiSignatureProvider : ISignatureTypeProvider<string, object?>
{
    public static readonly ApiSignatureProvider Instance = new();

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode switch
    {
        PrimitiveTypeCode.IntPtr => "IntPtr",
        PrimitiveTypeCode.UIntPtr => "UIntPtr",
        _ => typeCode.ToString(),
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        => NameOf(reader, handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        => NameOf(reader, handle);

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType;

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        => genericType + "<" + string.Join(", ", typeArguments) + ">";

    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index.ToString(CultureInfo.InvariantCulture);

    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index.ToString(CultureInfo.InvariantCulture);

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired)
        => unmodifiedType + (isRequired ? " modreq(" : " modopt(") + modifier + ")";

    public string GetFunctionPointerType(MethodSignature<string> signature)
        => "method " + signature.ReturnType + " *(" + string.Join(", ", signature.ParameterTypes) + ")";

    public static string NameOf(MetadataReader reader, TypeReferenceHandle handle)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? NameOf(reader, (TypeReferenceHandle)type.ResolutionScope) + "/" + name
            : Qualify(reader.GetString(type.Namespace), name);
    }

    public static string NameOf(MetadataReader reader, TypeDefinitionHandle handle)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil
            ? Qualify(reader.GetString(type.Namespace), name)
            : NameOf(reader, declaring) + "/" + name;
    }

    public static string Method(string declaringType, string name, MethodSignature<string> signature)
    {
        var arity = signature.GenericParameterCount > 0 ? "``" + signature.GenericParameterCount.ToString(CultureInfo.InvariantCulture) : string.Empty;
        var kind = signature.Header.IsInstance ? "method " : "method static ";
        return kind + declaringType + "::" + name + arity + "(" + string.Join(", ", signature.ParameterTypes.AsEnumerable()) + ") : " + signature.ReturnType;
    }

    // A field reference does not say whether the field is static, so neither does the line.
    public static string Field(string declaringType, string name, string fieldType)
        => "field " + declaringType + "::" + name + " : " + fieldType;

    private static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
