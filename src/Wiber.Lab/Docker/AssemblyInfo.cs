using System.Runtime.CompilerServices;

// The adapter's request builders and response parsers are internal; their tests check the JSON shapes.
[assembly: InternalsVisibleTo("Wiber.Docker.Tests")]
