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

        public AttributeArguments(AttributeData attribute, System.Threading.CancellationToken cancellationToken)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                _values[pair.Key] = pair.Value;
                if (pair.Value.Kind == TypedConstantKind.Error) HasErrors = true;
            }
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
            {
                _attributeLocation = syntax.GetLocation();
                foreach (AttributeArgumentSyntax argument in syntax.ArgumentList?.Arguments ?? default)
                    if (argument.NameEquals is { } nameEquals)
                        _locations[nameEquals.Name.Identifier.ValueText] = argument.GetLocation();
                    else
                        HasErrors = true; // a positional argument: [Conv2d] has no such constructor, and the compiler says so
            }
        }

        /// <summary>
        /// True when an argument did not bind (wrong type, unknown name, positional): the compiler already reports it, so the
        /// generator neither repeats it with a misleading value nor generates a layer from a guess.
        /// </summary>
        public bool HasErrors { get; }

        /// <summary>The whole attribute, for notes about the layer as a whole.</summary>
        public LocationInfo? AttributeLocation => LocationInfo.From(_attributeLocation);

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
