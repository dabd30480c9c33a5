// Builds the stand-alone `goarch` package and packs it: an esbuild bundle of src/cli.ts (every
// dependency inlined, so the package has none; split so that `diagnose` loads only what it runs), the
// rule files with their recorded ReDoS verdicts, the validated-rule cache, and the JSON Schemas. The service's dependencies are not needed to install or run it.
//
//   node scripts/pack-cli.mjs [--out DIR]     (npm run pack:cli) -> DIR/goarch-<version>.tgz
//
// recheck (the ReDoS checker, per-platform binaries) stays out: the built-in rules carry their verdicts,
// and `--rules DIR` of your own asks for `npm install recheck@4.5.0` beside goarch, in one line.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const outArg = process.argv.indexOf('--out');
const OUT = outArg !== -1 ? process.argv[outArg + 1] : ROOT;
const STAGE = join(mkdtempSync(join(tmpdir(), 'goarch-npm-')), 'goarch');
const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// 1. A clean staging folder: package.json, README, rules/, schemas/.
rmSync(STAGE, { recursive: true, force: true });
mkdirSync(join(STAGE, 'dist'), { recursive: true });
cpSync(join(ROOT, 'rules'), join(STAGE, 'rules'), { recursive: true });
cpSync(join(ROOT, 'schemas'), join(STAGE, 'schemas'), { recursive: true });
cpSync(join(ROOT, 'docs', 'cli-package-readme.md'), join(STAGE, 'README.md'));
writeFileSync(
  join(STAGE, 'package.json'),
  `${JSON.stringify(
    {
      name: 'goarch',
      version: root.version,
      description: root.description,
      type: 'module',
      license: root.license,
      engines: root.engines,
      bin: { goarch: 'dist/cli.js' },
      files: ['dist', 'rules', 'schemas'],
      keywords: ['go', 'golang', 'ci', 'github-actions', 'cgo', 'cross-compile', 'arm64', 'exec-format-error'],
    },
    null,
    2,
  )}\n`,
);

// 2. The CLI, bundled from the sources (the same options as the checkout's dist/cli.js).
const common = { bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning', external: ['recheck'], banner: { js: "import { createRequire as __goarchRequire } from 'node:module'; const require = __goarchRequire(import.meta.url);" } };
// Split as in the checkout: what `diagnose` does not run (the YAML parser, the rule schema, XRegExp, `fix`)
// sits in dist/cli-chunks/ and is loaded only when needed.
await build({ ...common, entryPoints: { cli: join(ROOT, 'src', 'cli.ts') }, outdir: join(STAGE, 'dist'), splitting: true, chunkNames: 'cli-chunks/[name]-[hash]' });

// 3. The validated-rule cache (a cold start skips YAML parsing), from the rule loader bundled on its own.
const tmp = mkdtempSync(join(tmpdir(), 'goarch-pack-'));
try {
  const loader = join(tmp, 'load-rule-set.mjs');
  await build({ ...common, entryPoints: [join(ROOT, 'src', 'service', 'load-rule-set.ts')], outfile: loader });
  const { buildParsedCache } = await import(pathToFileURL(loader).href);
  writeFileSync(join(STAGE, 'dist', 'rule-cache.json'), JSON.stringify(buildParsedCache(join(STAGE, 'rules'))));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// 4. Pack.
mkdirSync(OUT, { recursive: true });
const packed = JSON.parse(execFileSync('npm', ['pack', STAGE, '--json', '--pack-destination', OUT], { cwd: ROOT, encoding: 'utf8' }));
const tgz = join(OUT, packed[0].filename);
rmSync(join(STAGE, '..'), { recursive: true, force: true });
process.stdout.write(`${tgz}\n`);
