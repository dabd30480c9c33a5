// After tsc: bundle the CLI entry (dist/cli.js), so `goarch diagnose` starts in a fraction of the time
// that resolving and compiling ~100 modules takes, then mark it executable. What `diagnose` does not use
// (the YAML parser, the rule schema and XRegExp when the rule cache holds every rule; the patcher and
// GitHub's workflow parser of `fix`) is imported dynamically and split into dist/cli-chunks/, so it is
// neither read nor compiled at its start. The server and worker keep tsc's per-module output.
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// The validated rule files, keyed by content hash: a cold `goarch diagnose` skips YAML parsing for rules
// that have not changed since the build (an edited rule is parsed and validated as usual).
const { buildParsedCache, PARSED_CACHE_FILE } = await import('../dist/service/load-rule-set.js');
writeFileSync(PARSED_CACHE_FILE, JSON.stringify(buildParsedCache()));

const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) {
  rmSync(new URL('../dist/cli-chunks', import.meta.url), { recursive: true, force: true });
  await build({
    entryPoints: { cli: new URL('../dist/cli.js', import.meta.url).pathname },
    outdir: new URL('../dist', import.meta.url).pathname,
    splitting: true,
    chunkNames: 'cli-chunks/[name]-[hash]',
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // recheck is loaded lazily and ships platform binaries: leave it to node_modules.
    external: ['recheck'],
    banner: { js: "import { createRequire as __goarchRequire } from 'node:module'; const require = __goarchRequire(import.meta.url);" },
    sourcemap: true,
    logLevel: 'warning',
  });
  chmodSync(cli, 0o755);
}
