using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Parsing
{
    /// <summary>The named arguments of one [Conv2d] application, with the source location of each so diagnostics point at it.</summary>
    internal sealed class AttributeArguments
    {
        private readonly Dictionary<string, TypedConstant> _values = new();
        private readonly Dictionary<string, Location> _locations = new();
        private readonly Location? _attributeLocation;

        public AttributeArguments(AttributeData attribute)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments) _values[pair.Key] = pair.Value;
            if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax)
            {
                _attributeLocation = syntax.GetLocation();
                foreach (AttributeArgumentSyntax argument in syntax.ArgumentList?.Arguments ?? default)
                    if (argument.NameEquals is { } nameEquals)
                        _locations[nameEquals.Name.Identifier.ValueText] = argument.GetLocation();
            }
        }

        public int Int(string name, int defaultValue)
            => _values.TryGetValue(name, out TypedConstant value) && value.Value is int i ? i : defaultValue;

        public bool Bool(string name, bool defaultValue)
            => _values.TryGetValue(name, out TypedConstant value) && value.Value is bool b ? b : defaultValue;

        public bool IsSet(string name) => _values.ContainsKey(name);

        /// <summary>The argument's location, or the whole attribute when the argument was not written (a default is at fault).</summary>
        public LocationInfo? LocationOf(string name)
            => LocationInfo.From(_locations.TryGetValue(name, out Location? location) ? location : _attributeLocation);

        /// <summary>The location of the first of <paramref name="names"/> that was written.</summary>
        public LocationInfo? LocationOfFirst(params string[] names)
            => LocationOf(names.FirstOrDefault(IsSet) ?? names[0]);
    }
}
