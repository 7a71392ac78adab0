using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ConvGen.Package.Tests.Support
{
    /// <summary>
    /// The public surface of an assembly as text, one type or member per line, sorted ordinally:
    /// <c>Namespace.Type :: signature</c>, with C# keywords, nullable annotations, ref kinds, <c>params</c> and default values.
    /// Public and protected members of exported types count; compiler-generated members (names with '&lt;') do not.
    /// </summary>
    internal static class PublicApi
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        public static IReadOnlyList<string> Lines(Assembly assembly)
        {
            var nullability = new NullabilityInfoContext();
            var lines = new List<string>();
            foreach (Type type in assembly.GetExportedTypes())
            {
                string prefix = TypeName(type, null) + " :: ";
                lines.Add(prefix + TypeDeclaration(type));
                if (type.IsEnum)
                {
                    foreach (FieldInfo f in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                        lines.Add(prefix + $"{f.Name} = {Convert.ToString(f.GetRawConstantValue(), CultureInfo.InvariantCulture)}");
                    continue;
                }
                if (typeof(Delegate).IsAssignableFrom(type)) continue; // the declaration line carries the signature
                foreach (MemberInfo member in type.GetMembers(Declared))
                {
                    string? line = Member(member, nullability);
                    if (line is not null) lines.Add(prefix + line);
                }
            }
            lines.Sort(StringComparer.Ordinal);
            return lines;
        }

        private static string? Member(MemberInfo member, NullabilityInfoContext nullability)
        {
            if (member.Name.Contains('<')) return null;
            switch (member)
            {
                case ConstructorInfo c when Visible(c) && !c.IsStatic:
                    return $"{Access(c)} {ShortName(c.DeclaringType!)}({Parameters(c.GetParameters(), nullability)})";
                case MethodInfo m when Visible(m) && (!m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)):
                {
                    string extension = m.IsDefined(typeof(ExtensionAttribute)) ? "this " : "";
                    return Join(Access(m), MethodModifiers(m), TypeName(m.ReturnType, nullability.Create(m.ReturnParameter)),
                        $"{m.Name}{GenericParameters(m.GetGenericArguments())}({extension}{Parameters(m.GetParameters(), nullability)}){Constraints(m.GetGenericArguments())}");
                }
                case PropertyInfo p:
                {
                    MethodInfo?[] accessors = [p.GetMethod, p.SetMethod];
                    var visible = accessors.Where(a => a is not null && Visible(a)).Select(a => a!).ToList();
                    if (visible.Count == 0) return null;
                    MethodInfo main = visible.OrderBy(a => a.IsPublic ? 0 : 1).First();
                    var parts = new List<string>();
                    foreach (MethodInfo a in visible)
                    {
                        string access = Access(a) == Access(main) ? "" : Access(a) + " ";
                        string kind = a == p.GetMethod ? "get"
                            : a.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.FullName == "System.Runtime.CompilerServices.IsExternalInit") ? "init" : "set";
                        parts.Add(access + kind + ";");
                    }
                    ParameterInfo[] index = p.GetIndexParameters();
                    string name = index.Length == 0 ? p.Name : $"this[{Parameters(index, nullability)}]";
                    return Join(Access(main), MethodModifiers(main), TypeName(p.PropertyType, nullability.Create(p)), $"{name} {{ {string.Join(' ', parts)} }}");
                }
                case FieldInfo f when Visible(f):
                {
                    string type = TypeName(f.FieldType, nullability.Create(f));
                    if (f.IsLiteral)
                        return Join(Access(f), "const", type, $"{f.Name} = {Literal(f.GetRawConstantValue(), f.FieldType)}");
                    return Join(Access(f), f.IsStatic ? "static" : "", f.IsInitOnly ? "readonly" : "", type, f.Name);
                }
                case EventInfo e when e.AddMethod is { } add && Visible(add):
                    return Join(Access(add), MethodModifiers(add), "event", TypeName(e.EventHandlerType!, nullability.Create(e)), e.Name);
                default:
                    return null; // nested types are listed on their own; private members are not API
            }
        }

        private static string TypeDeclaration(Type type)
        {
            if (typeof(Delegate).IsAssignableFrom(type) && type != typeof(Delegate))
            {
                MethodInfo invoke = type.GetMethod("Invoke")!;
                var ctx = new NullabilityInfoContext();
                return $"public delegate {TypeName(invoke.ReturnType, ctx.Create(invoke.ReturnParameter))} {ShortName(type)}{GenericParameters(type.GetGenericArguments())}({Parameters(invoke.GetParameters(), ctx)})";
            }
            string kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : "class";
            var modifiers = new List<string> { "public" };
            if (type.IsClass && type.IsAbstract && type.IsSealed) modifiers.Add("static");
            else if (type.IsClass && type.IsAbstract) modifiers.Add("abstract");
            else if (type.IsClass && type.IsSealed) modifiers.Add("sealed");
            if (type.IsValueType && type.IsDefined(typeof(IsReadOnlyAttribute))) modifiers.Add("readonly");
            if (type.IsByRefLike) modifiers.Add("ref");
            modifiers.Add(kind);
            var bases = new List<string>();
            if (type.IsEnum)
            {
                Type underlying = Enum.GetUnderlyingType(type);
                if (underlying != typeof(int)) bases.Add(TypeName(underlying, null));
            }
            else
            {
                if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType)) bases.Add(TypeName(b, null));
                bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(i => TypeName(i, null)).Order(StringComparer.Ordinal));
            }
            string declaration = $"{string.Join(' ', modifiers)} {ShortName(type)}{GenericParameters(type.GetGenericArguments())}";
            if (bases.Count > 0) declaration += " : " + string.Join(", ", bases);
            return declaration + Constraints(type.IsGenericTypeDefinition ? type.GetGenericArguments() : []);
        }

        private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

        private static bool Visible(FieldInfo f) => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly;

        private static string Access(MethodBase m) => m.IsPublic ? "public" : m.IsFamilyOrAssembly ? "protected internal" : "protected";

        private static string Access(FieldInfo f) => f.IsPublic ? "public" : f.IsFamilyOrAssembly ? "protected internal" : "protected";

        private static string MethodModifiers(MethodInfo m)
        {
            var parts = new List<string>();
            if (m.IsStatic) parts.Add("static");
            bool isOverride = m.IsVirtual && m.GetBaseDefinition().DeclaringType != m.DeclaringType;
            if (m.IsAbstract) parts.Add("abstract");
            else if (isOverride) parts.Add(m.IsFinal ? "sealed override" : "override");
            else if (m.IsVirtual && !m.IsFinal) parts.Add("virtual");
            return string.Join(' ', parts);
        }

        private static string Join(params string[] parts) => string.Join(' ', parts.Where(p => p.Length > 0));

        private static string Parameters(ParameterInfo[] parameters, NullabilityInfoContext nullability)
            => string.Join(", ", parameters.Select(p => Parameter(p, nullability)));

        private static string Parameter(ParameterInfo p, NullabilityInfoContext nullability)
        {
            string prefix = "";
            if (p.IsDefined(typeof(ParamArrayAttribute)) || p.IsDefined(typeof(ParamCollectionAttribute))) prefix = "params ";
            else if (p.ParameterType.IsByRef)
                prefix = p.IsOut ? "out " : p.IsIn ? "in " : p.IsDefined(typeof(RequiresLocationAttribute)) ? "ref readonly " : "ref ";
            if (p.IsDefined(typeof(ScopedRefAttribute))) prefix = "scoped " + prefix;
            string text = $"{prefix}{TypeName(p.ParameterType, nullability.Create(p))} {p.Name}";
            if (p.HasDefaultValue) text += " = " + Literal(p.RawDefaultValue, p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType);
            return text;
        }

        private static string Literal(object? value, Type type)
        {
            if (value is null || value == DBNull.Value) return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default" : "null";
            Type target = Nullable.GetUnderlyingType(type) ?? type;
            if (target.IsEnum)
            {
                object e = Enum.ToObject(target, value);
                return Enum.IsDefined(target, e) ? $"{TypeName(target, null)}.{e}" : $"({TypeName(target, null)}){Convert.ToString(value, CultureInfo.InvariantCulture)}";
            }
            return value switch
            {
                bool b => b ? "true" : "false",
                string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
                char c => $"'{c}'",
                float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
                long l => l.ToString(CultureInfo.InvariantCulture) + "L",
                _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            };
        }

        private static string GenericParameters(Type[] arguments)
            => arguments.Length == 0 ? "" : "<" + string.Join(", ", arguments.Select(a => a.Name)) + ">";

        private static string Constraints(Type[] arguments)
        {
            var clauses = new List<string>();
            foreach (Type a in arguments.Where(a => a.IsGenericParameter))
            {
                var parts = new List<string>();
                GenericParameterAttributes attributes = a.GenericParameterAttributes;
                if (attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint)) parts.Add("struct");
                else if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint)) parts.Add("class");
                parts.AddRange(a.GetGenericParameterConstraints().Where(c => c != typeof(ValueType)).Select(c => TypeName(c, null)));
                if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
                    parts.Add("new()");
                if (attributes.HasFlag(GenericParameterAttributes.AllowByRefLike)) parts.Add("allows ref struct");
                if (parts.Count > 0) clauses.Add($" where {a.Name} : {string.Join(", ", parts)}");
            }
            return string.Concat(clauses);
        }

        private static readonly Dictionary<Type, string> Keywords = new()
        {
            [typeof(void)] = "void", [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte",
            [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint",
            [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
            [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(char)] = "char",
            [typeof(string)] = "string", [typeof(object)] = "object",
        };

        private static string ShortName(Type type)
        {
            string name = type.Name;
            int tick = name.IndexOf('`');
            return tick < 0 ? name : name[..tick];
        }

        /// <summary>C# spelling of <paramref name="type"/>, with '?' where <paramref name="n"/> says a reference may be null.</summary>
        private static string TypeName(Type type, NullabilityInfo? n)
        {
            if (type.IsByRef) return TypeName(type.GetElementType()!, n);
            if (type.IsPointer) return TypeName(type.GetElementType()!, null) + "*";
            string nullable = !type.IsValueType && n?.ReadState == NullabilityState.Nullable ? "?" : "";
            if (type.IsArray)
                return TypeName(type.GetElementType()!, n?.ElementType) + "[" + new string(',', type.GetArrayRank() - 1) + "]" + nullable;
            if (type.IsGenericParameter) return type.Name + nullable;
            if (Nullable.GetUnderlyingType(type) is { } underlying) return TypeName(underlying, null) + "?";
            if (Keywords.TryGetValue(type, out string? keyword)) return keyword + nullable;
            string owner = type.IsNested ? TypeName(type.DeclaringType!, null) : type.Namespace ?? "";
            string name = (owner.Length > 0 ? owner + "." : "") + ShortName(type);
            if (type.IsGenericType)
            {
                Type[] args = type.GetGenericArguments();
                int ownArgs = type.IsNested ? args.Length - type.DeclaringType!.GetGenericArguments().Length : args.Length;
                if (ownArgs > 0)
                {
                    var texts = new List<string>();
                    for (int i = args.Length - ownArgs; i < args.Length; i++)
                        texts.Add(TypeName(args[i], n is not null && i < n.GenericTypeArguments.Length ? n.GenericTypeArguments[i] : null));
                    if (type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true) return "(" + string.Join(", ", texts) + ")" + nullable;
                    name += "<" + string.Join(", ", texts) + ">";
                }
            }
            return name + nullable;
        }
    }
}
