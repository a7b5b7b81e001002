using System.Diagnostics;

namespace Wiber.Module.Tests;

/// <summary>
/// A second opinion from a real PowerShell grammar: tree-sitter-powershell (npm) parses every file of the
/// module, the lab and build.ps1 without an error node. The grammar rejects some valid PowerShell (bare-word
/// lists such as <c>Format-Table A, B</c>, and a method call chained on a method call in a command argument),
/// so our files avoid those two forms. Needs node and npm (the registry or its cache): skipped without them.
/// </summary>
public sealed class TreeSitterTests
{
    private const string Script = """
        import { Parser, Language } from 'web-tree-sitter';
        import fs from 'fs';
        await Parser.init();
        const parser = new Parser();
        parser.setLanguage(await Language.load('node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm'));
        const errors = [];
        for (const file of process.argv.slice(2)) {
          const text = fs.readFileSync(file, 'utf8');
          const walk = (node) => {
            if (node.type === 'ERROR' || node.isMissing) {
              errors.push(`${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${node.isMissing ? 'missing ' + node.type : 'cannot parse'} ${JSON.stringify(text.slice(node.startIndex, node.startIndex + 60))}`);
            }
            for (const child of node.children) walk(child);
          };
          walk(parser.parse(text).rootNode);
        }
        console.log(`parsed ${process.argv.length - 2} files`);
        for (const e of errors) console.log(e);
        process.exit(errors.length === 0 ? 0 : 1);
        """;

    [Fact]
    public async Task TreeSitterPowerShell_ParsesEveryFile_WithoutErrors_AndFlagsABrokenOne()
    {
        // Installed once per build output folder (a fresh clone in CI installs it once per run).
        var work = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "tree-sitter"));
        File.WriteAllText(Path.Combine(work.FullName, "package.json"), """{ "name": "wiber-ps-check", "private": true, "type": "module" }""");
        File.WriteAllText(Path.Combine(work.FullName, "parse.mjs"), Script);
        if (!File.Exists(Path.Combine(work.FullName, "node_modules", "tree-sitter-powershell", "tree-sitter-powershell.wasm")))
        {
            var install = await RunAsync(work.FullName, "npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "tree-sitter-powershell@0.26.4", "web-tree-sitter@0.27.1");
            Assert.SkipWhen(install is null, "node/npm is not installed");
            Assert.SkipWhen(install!.Value.Code != 0, $"npm could not install tree-sitter-powershell: {install.Value.Output}");
        }

        var broken = Path.Combine(work.FullName, "broken.ps1");
        File.WriteAllText(broken, "function Get-Broken {\n    if ($x -eq 1 {\n        'no closing paren'\n    }\n}\n");
        var files = RepoScripts.PowerShellFiles.Select(Repo.Path).ToArray();
        var parse = await RunAsync(work.FullName, "node", ["--no-wasm-tier-up", "parse.mjs", .. files, broken]);
        Assert.NotNull(parse);
        var output = parse.Value.Output;
        Assert.Contains($"parsed {files.Length + 1} files", output, StringComparison.Ordinal);
        var errors = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("parsed ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count > 0 && errors.All(e => e.StartsWith(broken, StringComparison.Ordinal)), output);
        Assert.Equal(1, parse.Value.Code);
    }

    /// <summary>Runs a program; null when it does not exist.</summary>
    private static async Task<(int Code, string Output)?> RunAsync(string directory, string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            if (process is null)
            {
                return null;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(3));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output + await error);
        }
    }
}
