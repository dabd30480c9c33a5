// npm run bench: throughput and peak memory of `goarch diagnose` on every kind of log our users send,
// each beside GNU grep searching the same file for the rules' trigger words (grep -E -i -c), in the
// same run, on the same file.
//
// Every log is made of real lines: output of the Go toolchain captured on this machine when the benchmark
// first runs (Debian's Go, GOPROXY=off GOTOOLCHAIN=local, cached in bench/out/captured/) and the real
// logs of fixtures/logs/{public,wild,lab}. Each kind holds a real failure log every ~2 MB, and the
// benchmark checks that goarch found it (the classes of fixtures/logs/*/expectations.json):
//   toolchain  `go build -a -n std` and `go test -v` of standard packages (plain lines), with Actions timestamps;
//   buildkit   `go build -x` output of a GOARCH=arm64 cross build framed as BuildKit's plain progress frames a
//              RUN step (`#12 1.234 line`), a real vertex header (from the fixtures) and `#12 DONE` every 12 lines;
//   gobuildx   `go build -x -a` of a small std-lib program, native and GOARCH=arm64 (commands, importcfg, GOARCH/-D flags);
//   goreleaser goreleaser's own `• building binary=...` lines from the fixtures with `go build -v` package lines;
//   dense      the fixture failure logs only, repeated: a worst case, far denser in trigger words than any real log.
//
// Options: --size 200m (the table's size; 20m/200m/1g...), --dense-size 20m (the dense log's: goarch reads
// it at a few MB/s, so 200 MB would take minutes), --kinds toolchain,buildkit (a subset), --rss-sizes 20m
// (more sizes for the peak-RSS table, one run each; --rss-sizes 20m,1g measures 1 GB: opt-in, and
// --rss-kinds toolchain,buildkit limits those runs to some kinds), --runs 3, --write (rewrite the table in BENCHMARKS.md), --logs-only DIR (write the logs there and
// stop: for node --cpu-prof). Logs are written to a temp folder and deleted.
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = join(import.meta.dirname, '..');
const CAPTURED = join(ROOT, 'bench', 'out', 'captured');
const FIXTURE_SETS = ['public', 'wild', 'lab'];
/** Where real BuildKit vertex headers and goreleaser lines are also taken from (their failures are not used). */
const LINE_SETS = [...FIXTURE_SETS, 'lookalikes'];

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([mg])b?$/i.exec(s);
  if (!m) {
    console.error(`bench: bad size "${s}" (use e.g. 20m, 200m, 1g)`);
    process.exit(2);
  }
  return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'g' ? 1024 : 1) * 1024 * 1024);
}
const ALL_KINDS = ['toolchain', 'buildkit', 'gobuildx', 'goreleaser', 'dense'];
const KINDS = arg('kinds', ALL_KINDS.join(',')).split(',');
for (const k of KINDS) if (!ALL_KINDS.includes(k)) {
  console.error(`bench: unknown kind "${k}" (kinds: ${ALL_KINDS.join(', ')})`);
  process.exit(2);
}
const SIZE = parseSize(arg('size', '200m'));
const DENSE_SIZE = Math.min(SIZE, parseSize(arg('dense-size', '20m')));
const sizeOf = (kind) => (kind === 'dense' ? DENSE_SIZE : SIZE);
const RSS_SIZES = arg('rss-sizes', '20m').split(',').filter((s) => s !== '').map(parseSize);
const RUNS = Number(arg('runs', '3'));
const RSS_KINDS = arg('rss-kinds', KINDS.join(',')).split(',').filter((k) => KINDS.includes(k));

if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
  console.error('bench: dist/ is missing; run npm run build first');
  process.exit(2);
}
if (spawnSync('go', ['version']).error) {
  console.error('bench: needs Go on PATH for real toolchain output (apt-get install golang-go)');
  process.exit(2);
}

// ---- real lines ---------------------------------------------------------------------------------

const TIMESTAMP = /^\d{4}-\d\d-\d\dT[\d:.]+Z /;
const expectations = Object.assign({}, ...FIXTURE_SETS.map((s) => {
  const p = join(ROOT, 'fixtures', 'logs', s, 'expectations.json');
  const e = existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : {};
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [`${s}/${k}`, v]));
}));

/** One fixture log: its lines without our `# source` header and without its own timestamps. */
function fixture(rel) {
  const text = readFileSync(join(ROOT, 'fixtures', 'logs', rel), 'latin1');
  const lines = text.split('\n').filter((l) => !l.startsWith('# ')).map((l) => l.replace(TIMESTAMP, ''));
  return { rel, lines, classes: expectations[rel]?.classes ?? [] };
}
function allFixtures(sets = FIXTURE_SETS) {
  const out = [];
  const walk = (set, dir) => {
    for (const n of readdirSync(join(ROOT, 'fixtures', 'logs', set, dir)).sort()) {
      const rel = join(dir, n);
      if (statSync(join(ROOT, 'fixtures', 'logs', set, rel)).isDirectory()) walk(set, rel);
      else if (n.endsWith('.log')) out.push(fixture(join(set, rel)));
    }
  };
  for (const s of sets) walk(s, '');
  return out;
}

/** Output of a Go command run here once, then read from bench/out/captured/. */
function captured(name, args, stream, extraEnv = {}) {
  const file = join(CAPTURED, `${name}.txt`);
  if (!existsSync(file)) {
    mkdirSync(CAPTURED, { recursive: true });
    const dir = join(CAPTURED, 'hello');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'go.mod'), 'module example.com/hello\n\ngo 1.19\n');
    writeFileSync(join(dir, 'main.go'), 'package main\n\nimport (\n\t"encoding/json"\n\t"fmt"\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n\tb, _ := json.Marshal(os.Args)\n\tfmt.Println(string(b), http.StatusOK)\n}\n');
    console.error(`bench: capturing go ${args.join(' ')} (once)`);
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local', ...extraEnv };
    const r = spawnSync('go', args, { cwd: dir, encoding: 'latin1', env, maxBuffer: 1 << 28 });
    const out = r[stream];
    if (r.error || !out) throw new Error(`go ${args.join(' ')} printed nothing: ${r.error ?? r.stderr}`);
    writeFileSync(file, out, 'latin1');
  }
  return readFileSync(file, 'latin1').split('\n').filter((l) => l !== '');
}

function kindSpec(kind) {
  const fixtures = allFixtures();
  const pick = (...rels) => rels.map((r) => fixtures.find((f) => f.rel === r) ?? fixture(r));
  switch (kind) {
    case 'toolchain': {
      const filler = [...captured('build-n-std', ['build', '-a', '-n', 'std'], 'stderr'), ...captured('test-v', ['test', '-v', '-count=1', 'sort', 'strings', 'bytes', 'unicode/utf8', 'container/list', 'path'], 'stdout')];
      return { what: '`go build -a -n std` + `go test -v` output', filler, failures: pick('lab/cgo-cross-host-gcc-arm64.log', 'lab/exec-arm64-go-test.log', 'public/exec-format-error/' + firstIn(fixtures, 'public/exec-format-error/')) };
    }
    case 'buildkit': {
      const run = captured('build-x-arm64', ['build', '-x', '-a', '-o', '/dev/null', '.'], 'stderr', { GOOS: 'linux', GOARCH: 'arm64' });
      const headers = allFixtures(LINE_SETS).flatMap((f) => f.lines).map((l) => /^#\d+ (\[.+)$/.exec(l)?.[1]).filter(Boolean);
      const filler = [];
      let v = 5;
      let t = 0;
      for (let i = 0; i < run.length; i += 12) {
        filler.push(`#${v} ${headers[v % headers.length]}`);
        for (const l of run.slice(i, i + 12)) filler.push(`#${v} ${(t += 0.013).toFixed(3)} ${l}`);
        filler.push(`#${v} DONE ${(t / 10).toFixed(1)}s`);
        v = v >= 60 ? 5 : v + 1;
      }
      return { what: `\`go build -x\` (GOARCH=arm64) framed as BuildKit RUN output, ${headers.length} real vertex headers`, filler, failures: pick('public/qemu-binfmt-missing/buildx-qemu-segfault-libc-bin.log', 'public/cgo-cross-linker/cmetrics-aarch64-skipping-incompatible.log', 'public/qemu-binfmt-missing/alpine-elixir-phoenix-run.log') };
    }
    case 'gobuildx': {
      const filler = [...captured('build-x', ['build', '-x', '-a', '-o', '/dev/null', '.'], 'stderr'), ...captured('build-x-arm64', ['build', '-x', '-a', '-o', '/dev/null', '.'], 'stderr', { GOOS: 'linux', GOARCH: 'arm64' })];
      return { what: '`go build -x -a` output, native and GOARCH=arm64', filler, failures: pick('lab/cgo-cross-cc-not-found.log', 'lab/cgo-cross-amd64-zlib.log', 'lab/platform-pair-darwin-386.log') };
    }
    case 'goreleaser': {
      // Read as latin1 (bytes kept as they are): goreleaser's bullet is three bytes there.
      const own = allFixtures(LINE_SETS).flatMap((f) => f.lines).filter((l) => /^\s*\S{1,3} building/.test(l));
      if (own.length === 0) throw new Error('bench: no goreleaser lines in the fixtures');
      const pkgs = captured('build-v', ['build', '-v', '-a', '-o', '/dev/null', '.'], 'stderr');
      const filler = [];
      for (let i = 0; i < pkgs.length; i++) {
        filler.push(pkgs[i]);
        if (i % 4 === 0) filler.push(own[(i / 4) % own.length]);
      }
      return { what: `goreleaser's \`• building\` lines (${own.length} real ones) between \`go build -v\` package lines`, filler, failures: pick('wild/cgo-cross-linker/gpud-goreleaser-linux-arm64-boxed.log', 'public/unsupported-platform/publiccode-goreleaser-darwin-386.log', 'wild/cgo-cross-linker/goreleaser-2066-darwin-arm64-go115-gcc-link.log') };
    }
    case 'dense':
      return { what: 'the fixture failure logs only, repeated', filler: null, failures: fixtures };
    default:
      throw new Error(kind);
  }
}

function firstIn(fixtures, prefix) {
  const f = fixtures.find((x) => x.rel.startsWith(prefix) && x.classes.includes('exec-format-error'));
  return f ? f.rel.slice(prefix.length) : '';
}

/** Writes the log: filler with one failure log every ~2 MB, each line with a fresh Actions timestamp. */
async function writeLog(path, bytes, spec) {
  const out = createWriteStream(path, { encoding: 'latin1' });
  let written = 0;
  let t = Date.UTC(2026, 0, 1);
  let lines = 0;
  const put = async (ls) => {
    let chunk = '';
    for (const l of ls) chunk += `${new Date((t += 7)).toISOString().replace('Z', '0000Z')} ${l}\n`;
    written += chunk.length;
    lines += ls.length;
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  };
  let k = 0;
  while (written < bytes) {
    if (spec.filler) {
      const until = written + 2 * 1024 * 1024;
      while (written < until && written < bytes) await put(spec.filler);
    }
    await put(spec.failures[k++ % spec.failures.length].lines);
  }
  await new Promise((r) => out.end(r));
  return { bytes: written, lines };
}

// ---- measuring ----------------------------------------------------------------------------------

const { loadRuleSet } = await import('../dist/service/load-rule-set.js');
const triggers = [...new Set(loadRuleSet().rules.flatMap((r) => r.triggers))];
const ere = triggers.map((t) => t.replace(/[.[\]()*+?{}|^$\\]/g, '\\$&')).join('|');

function timed(fn) {
  const t0 = performance.now();
  const r = fn();
  return { seconds: (performance.now() - t0) / 1000, r };
}

function grepOnce(log) {
  const { seconds, r } = timed(() => spawnSync('grep', ['-E', '-i', '-c', ere, log], { encoding: 'utf8' }));
  return { seconds, hits: Number(r.stdout.trim()) };
}

/** `goarch diagnose --json` as users run it (dist/cli.js), its peak RSS from GNU time (or an in-process runner). */
function goarchOnce(log) {
  const gnuTime = existsSync('/usr/bin/time');
  const { seconds, r } = timed(() =>
    gnuTime
      ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(ROOT, 'dist', 'cli.js'), 'diagnose', '--json', log], { encoding: 'utf8', maxBuffer: 1 << 26 })
      : spawnSync(process.execPath, [join(ROOT, 'bench', 'run-cli-measured.mjs'), 'diagnose', '--json', log], { encoding: 'utf8', maxBuffer: 1 << 26 }),
  );
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const stats = gnuTime ? { code: r.status, maxRssKb: Number(last) } : JSON.parse(last);
  // Exit 1 is "found an architecture problem"; anything else is a failure of the run.
  if (stats.code !== 0 && stats.code !== 1) throw new Error(`goarch exited ${stats.code}: ${r.stderr.slice(0, 2000)}`);
  const json = gnuTime ? JSON.parse(r.stdout) : null;
  return { seconds, rssMb: stats.maxRssKb / 1024, diagnosis: json };
}

function checkFound(kind, spec, diagnosis) {
  if (!diagnosis) return 'not checked';
  const found = new Set(diagnosis.incidents.map((i) => i.class));
  const wanted = [...new Set(spec.failures.flatMap((f) => f.classes))].filter((c) => c !== 'none');
  const missing = wanted.filter((c) => !found.has(c));
  // The dense log holds every fixture: the scanner keeps a bounded number of matches per rule, so it is
  // enough that it found failures there; every other kind must find every class it holds.
  if (kind === 'dense' ? missing.length === wanted.length : missing.length > 0) throw new Error(`bench: ${kind}: goarch did not find ${missing.join(', ')} (found: ${[...found].join(', ') || 'nothing'})`);
  return kind === 'dense' ? `${wanted.length - missing.length} of ${wanted.length} classes` : wanted.join(', ');
}

const work = mkdtempSync(join(tmpdir(), 'goarch-bench-'));
const cleanup = () => rmSync(work, { recursive: true, force: true });
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const specs = Object.fromEntries(KINDS.map((k) => [k, kindSpec(k)]));
// --logs-only DIR: write the logs there and stop (for profiling: node --cpu-prof dist/cli.js diagnose DIR/kind.log).
if (arg('logs-only', null)) {
  const dir = arg('logs-only', null);
  mkdirSync(dir, { recursive: true });
  for (const kind of KINDS) await writeLog(join(dir, `${kind}.log`), sizeOf(kind), specs[kind]);
  process.exit(0);
}
const mb = (b) => b / 1024 / 1024;
const rows = [];
for (const kind of KINDS) {
  const log = join(work, `${kind}.log`);
  const { bytes, lines } = await writeLog(log, sizeOf(kind), specs[kind]);
  const g = [];
  const c = [];
  // Interleaved, so that a change in the machine's load falls on both.
  for (let i = 0; i < RUNS; i++) {
    g.push(grepOnce(log));
    c.push(goarchOnce(log));
  }
  const grepS = Math.min(...g.map((x) => x.seconds));
  const cliS = Math.min(...c.map((x) => x.seconds));
  const found = checkFound(kind, specs[kind], c[0].diagnosis);
  rows.push({ kind, what: specs[kind].what, size: sizeOf(kind), mb: mb(bytes), lines, hits: g[0].hits, goarch: mb(bytes) / cliS, grep: mb(bytes) / grepS, ratio: grepS / cliS, rss: Math.max(...c.map((x) => x.rssMb)), found });
  rmSync(log);
  console.error(`bench: ${kind} done`);
}

const rssRows = [];
for (const size of RSS_SIZES) {
  const row = { size, byKind: {} };
  for (const kind of RSS_KINDS) {
    if (sizeOf(kind) === size) continue; // the table's own runs give it
    const log = join(work, `${kind}-rss.log`);
    const { bytes } = await writeLog(log, size, specs[kind]);
    const c = goarchOnce(log);
    checkFound(kind, specs[kind], c.diagnosis);
    row.byKind[kind] = { rss: c.rssMb, mbps: mb(bytes) / c.seconds };
    rmSync(log);
  }
  rssRows.push(row);
  console.error(`bench: RSS at ${mb(size).toFixed(0)} MB done`);
}

// ---- report -------------------------------------------------------------------------------------

const sizeLabel = (b) => (b >= 1024 * 1024 * 1024 ? `${(b / 1024 / 1024 / 1024).toFixed(0)} GB` : `${mb(b).toFixed(0)} MB`);
const table = [
  '| log kind | size | lines | lines grep matches | goarch MB/s | grep MB/s | goarch / grep | peak RSS (MB) | failures found |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.kind}: ${r.what} | ${sizeLabel(r.size)} | ${r.lines} | ${r.hits} | ${r.goarch.toFixed(0)} | ${r.grep.toFixed(0)} | **${r.ratio.toFixed(2)}×** | ${r.rss.toFixed(0)} | ${r.found} |`),
].join('\n');
// Peak RSS by size: the extra sizes' runs, and the table's own runs (at their size).
const rssBySize = new Map(rssRows.map((r) => [r.size, r.byKind]));
for (const r of rows) {
  const byKind = rssBySize.get(r.size) ?? {};
  byKind[r.kind] ??= { rss: r.rss, mbps: r.goarch };
  rssBySize.set(r.size, byKind);
}
const rssTable = [
  `| size | ${KINDS.join(' | ')} |`,
  `| --- | ${KINDS.map(() => '---:').join(' | ')} |`,
  ...[...rssBySize].sort((a, b) => a[0] - b[0]).map(([size, byKind]) => `| ${sizeLabel(size)} | ${KINDS.map((k) => (byKind[k] ? `${byKind[k].rss.toFixed(0)} MB (${byKind[k].mbps.toFixed(0)} MB/s)` : '-')).join(' | ')} |`),
].join('\n');
const grepVersion = execFileSync('grep', ['--version'], { encoding: 'utf8' }).split('\n')[0];
const goVersion = execFileSync('go', ['version'], { encoding: 'utf8' }).trim();
const command = `npm run bench -- ${process.argv.slice(2).filter((a) => a !== '--write').join(' ')}`.trim();
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const conditions = `${new Date().toISOString().slice(0, 10)}, 2 cores, Node ${process.version}, ${grepVersion}, ${goVersion}, locale ${process.env.LC_ALL ?? process.env.LANG ?? 'C'}, load average ${load} at the end`;
console.log(`${conditions}\nbest of ${RUNS} interleaved runs of each kind, same file, same run (${command})\n\n${table}\n\npeak RSS of goarch (throughput of that run) by log size:\n\n${rssTable}\n`);
for (const r of rows) console.log(`${r.kind}: goarch at ${r.ratio.toFixed(2)}× grep (target ≥ 0.5× but for dense), peak RSS ${r.rss.toFixed(0)} MB (target ≤ 150 MB)`);

if (process.argv.includes('--write')) {
  const path = join(ROOT, 'BENCHMARKS.md');
  const old = readFileSync(path, 'utf8');
  const start = old.indexOf('<!-- bench:scan -->');
  const end = old.indexOf('<!-- /bench:scan -->');
  if (start === -1 || end === -1) throw new Error('BENCHMARKS.md lacks the <!-- bench:scan --> markers');
  const block = `<!-- bench:scan -->\nMeasured ${conditions}, with \`${command}\`: best of ${RUNS} interleaved runs of goarch and grep on each log.\n\n${table}\n\nPeak RSS of goarch by log size (the table's runs, and one run at each \`--rss-sizes\` size; the throughput of that run in brackets):\n\n${rssTable}\n`;
  writeFileSync(path, old.slice(0, start) + block + old.slice(end));
  console.log('wrote BENCHMARKS.md');
}
