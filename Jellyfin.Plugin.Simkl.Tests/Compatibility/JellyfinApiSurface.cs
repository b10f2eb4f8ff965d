using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Jellyfin.Plugin.Simkl.Tests.Compatibility;

/// <summary>
/// Reads, from assembly metadata, what a compiled plugin binds to in Jellyfin's assemblies and what a Jellyfin
/// assembly (the stand-in) declares, both as allow-list lines. The runtime resolves a plugin's references by assembly,
/// namespace, type name and member signature, so these lines are exactly what must be the same on every server.
/// </summary>
internal static class JellyfinApiSurface
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    public static bool IsJellyfinAssembly(string? name)
        => name is not null
           && (name.StartsWith("MediaBrowser.", StringComparison.Ordinal)
               || name.StartsWith("Emby.", StringComparison.Ordinal)
               || (name.StartsWith("Jellyfin.", StringComparison.Ordinal) && !name.StartsWith("Jellyfin.Plugin.", StringComparison.Ordinal)));

    /// <summary>
    /// Every Jellyfin type and member the plugin names in its metadata (type and member references), plus the
    /// Jellyfin members it overrides or implements: those bind by name and signature when its types load.
    /// </summary>
    public static SortedSet<string> BindingsOf(Assembly plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var result = new SortedSet<string>(StringComparer.Ordinal);
        using (var pe = new PEReader(File.OpenRead(plugin.Location)))
        {
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.TypeReferences)
            {
                if (AssemblyOf(reader, handle) is { } assembly && IsJellyfinAssembly(assembly))
                {
                    result.Add("type " + Qualified(assembly, ApiSignatureProvider.NameOf(reader, handle)));
                }
            }

            foreach (var handle in reader.MemberReferences)
            {
                var member = reader.GetMemberReference(handle);
                if (DeclaringTypeReference(reader, member.Parent) is not { } typeReference
                    || AssemblyOf(reader, typeReference) is not { } assembly
                    || !IsJellyfinAssembly(assembly))
                {
                    continue;
                }

                var declaring = Qualified(assembly, ApiSignatureProvider.NameOf(reader, typeReference));
                var name = reader.GetString(member.Name);
                result.Add(member.GetKind() == MemberReferenceKind.Method
                    ? ApiSignatureProvider.Method(declaring, name, member.DecodeMethodSignature(ApiSignatureProvider.Instance, null))
                    : ApiSignatureProvider.Field(declaring, name, member.DecodeFieldSignature(ApiSignatureProvider.Instance, null)));
            }
        }

        using var definitions = new DefinitionReader();
        foreach (var type in plugin.GetTypes())
        {
            if (!type.IsInterface)
            {
                var inherited = type.BaseType?.GetInterfaces() ?? [];
                foreach (var contract in type.GetInterfaces().Where(i => IsJellyfinAssembly(i.Assembly.GetName().Name) && !inherited.Contains(i)))
                {
                    result.UnionWith(type.GetInterfaceMap(contract).InterfaceMethods.Select(definitions.Describe));
                }
            }

            foreach (var method in type.GetMethods(Declared))
            {
                var overridden = method.GetBaseDefinition();
                if (overridden.DeclaringType is { } owner && owner.Assembly != plugin && IsJellyfinAssembly(owner.Assembly.GetName().Name))
                {
                    result.Add(definitions.Describe(overridden));
                }
            }
        }

        return result;
    }

    /// <summary>Every type, base type, interface, method, field and constant a caller outside the assembly can bind to.</summary>
    public static SortedSet<string> PublicSurfaceOf(string assemblyPath)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var reader = pe.GetMetadataReader();
        var assembly = reader.GetString(reader.GetAssemblyDefinition().Name);
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (!IsVisible(reader, type))
            {
                continue;
            }

            var name = Qualified(assembly, ApiSignatureProvider.NameOf(reader, handle));
            result.Add("type " + name);
            if (!type.BaseType.IsNil && TypeName(reader, type.BaseType) is var baseType && baseType != "System.Object")
            {
                result.Add("extends " + name + " : " + baseType);
            }

            foreach (var implementation in type.GetInterfaceImplementations())
            {
                result.Add("implements " + name + " : " + TypeName(reader, reader.GetInterfaceImplementation(implementation).Interface));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (IsVisible(method.Attributes & MethodAttributes.MemberAccessMask))
                {
                    result.Add(ApiSignatureProvider.Method(name, reader.GetString(method.Name), method.DecodeSignature(ApiSignatureProvider.Instance, null)));
                }
            }

            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                var attributes = field.Attributes;
                if (!IsVisible((MethodAttributes)(int)(attributes & FieldAttributes.FieldAccessMask)) || (attributes & FieldAttributes.RTSpecialName) != 0)
                {
                    continue;
                }

                var fieldName = reader.GetString(field.Name);
                result.Add((attributes & FieldAttributes.Literal) != 0
                    ? "const " + name + "::" + fieldName + " = " + ConstantOf(reader, field.GetDefaultValue())
                    : ApiSignatureProvider.Field(name, fieldName, field.DecodeSignature(ApiSignatureProvider.Instance, null)));
            }
        }

        return result;
    }

    private static string Qualified(string assembly, string typeName) => "[" + assembly + "]" + typeName;

    private static string? AssemblyOf(MetadataReader reader, TypeReferenceHandle handle)
    {
        var scope = reader.GetTypeReference(handle).ResolutionScope;
        return scope.Kind switch
        {
            HandleKind.AssemblyReference => reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name),
            HandleKind.TypeReference => AssemblyOf(reader, (TypeReferenceHandle)scope),
            _ => null,
        };
    }

    // A member of a generic type is referenced through the instantiation (BasePlugin<PluginConfiguration>); it binds
    // to the generic type's own declaration, whose signature is written with !0.
    private static TypeReferenceHandle? DeclaringTypeReference(MetadataReader reader, EntityHandle parent)
    {
        if (parent.Kind == HandleKind.TypeReference)
        {
            return (TypeReferenceHandle)parent;
        }

        if (parent.Kind != HandleKind.TypeSpecification)
        {
            return null;
        }

        var blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance || blob.ReadSignatureTypeCode() != SignatureTypeCode.TypeHandle)
        {
            return null;
        }

        var generic = blob.ReadTypeHandle();
        return generic.Kind == HandleKind.TypeReference ? (TypeReferenceHandle)generic : null;
    }

    private static string TypeName(MetadataReader reader, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => ApiSignatureProvider.NameOf(reader, (TypeDefinitionHandle)handle),
        HandleKind.TypeReference => ApiSignatureProvider.NameOf(reader, (TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(ApiSignatureProvider.Instance, null),
        _ => throw new BadImageFormatException("Unexpected type handle " + handle.Kind),
    };

    private static bool IsVisible(MetadataReader reader, TypeDefinition type)
    {
        if (reader.GetString(type.Name).StartsWith('<'))
        {
            return false;
        }

        return (type.Attributes & TypeAttributes.VisibilityMask) switch
        {
            TypeAttributes.Public => true,
            TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem
                => IsVisible(reader, reader.GetTypeDefinition(type.GetDeclaringType())),
            _ => false,
        };
    }

    // Field and method access masks share their numbers (ECMA-335 II.23.1.5 and II.23.1.10).
    private static bool IsVisible(MethodAttributes access)
        => access is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

    private static string ConstantOf(MetadataReader reader, ConstantHandle handle)
    {
        var constant = reader.GetConstant(handle);
        var blob = reader.GetBlobReader(constant.Value);
        return constant.TypeCode switch
        {
            ConstantTypeCode.Boolean => blob.ReadBoolean() ? "true" : "false",
            ConstantTypeCode.Char => "'" + blob.ReadChar() + "'",
            ConstantTypeCode.SByte => blob.ReadSByte().ToString(CultureInfo.InvariantCulture),
            ConstantTypeCode.Byte => blob.ReadByte().ToString(CultureInfo.InvariantCulture),
            ConstantTypeCode.Int16 => blob.ReadInt16().ToString(CultureInfo.InvariantCulture),
            ConstantTypeCode.UInt16 => blob.ReadUInt16().ToString(CultureInfo.InvariantCulture),
            ConstantTypeCode.Int32 => blob.ReadInt32().ToString(CultureInfo.InvariantCulture),
            ConstantTypeCode.UInt32 => blob.ReadUInt32().ToString(CultureInfo.InvariantCulture),
            ConstantTypeCode.Int64 => blob.ReadInt64().ToString(CultureInfo.InvariantCulture),
            ConstantTypeCode.UInt64 => blob.ReadUInt64().ToString(CultureInfo.InvariantCulture),
            ConstantTypeCode.Single => blob.ReadSingle().ToString("R", CultureInfo.InvariantCulture),
            ConstantTypeCode.Double => blob.ReadDouble().ToString("R", CultureInfo.InvariantCulture),
            ConstantTypeCode.String => "\"" + blob.ReadUTF16(blob.Length) + "\"",
            _ => "null",
        };
    }

    /// <summary>Describes methods of loaded types from their assemblies' metadata, one reader per assembly file.</summary>
    private sealed class DefinitionReader : IDisposable
    {
        private readonly Dictionary<string, PEReader> _readers = new(StringComparer.Ordinal);

        public string Describe(MethodInfo method)
        {
            var path = method.Module.Assembly.Location;
            if (!_readers.TryGetValue(path, out var pe))
            {
                pe = new PEReader(File.OpenRead(path));
                _readers[path] = pe;
            }

            var reader = pe.GetMetadataReader();
            var definition = reader.GetMethodDefinition(MetadataTokens.MethodDefinitionHandle(method.MetadataToken));
            var declaring = Qualified(reader.GetString(reader.GetAssemblyDefinition().Name), ApiSignatureProvider.NameOf(reader, definition.GetDeclaringType()));
            return ApiSignatureProvider.Method(declaring, reader.GetString(definition.Name), definition.DecodeSignature(ApiSignatureProvider.Instance, null));
        }

        public void Dispose()
        {
            foreach (var reader in _readers.Values)
            {
                reader.Dispose();
            }
        }
    }
}
