// npm run bench: throughput and peak memory of `goarch diagnose` on a ~200 MB log, beside GNU grep
// searching the same file for the rules' trigger words (grep -E -i), measured in the same run.
//
// The log is real output throughout: what the Go toolchain prints for `go build -a -n std` and
// `go test -v` of standard packages (captured on this machine when the benchmark runs), with one of the
// real failure logs of fixtures/logs/ every ~2 MB, all with fresh Actions timestamps. Without Go on
// PATH, or with BENCH_DENSE=1, only the fixture logs are repeated: a worst case, far denser in trigger
// words than any real log.
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const SIZE_MB = Number(process.env.BENCH_MB ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
  console.error('bench: dist/ is missing; run npm run build first');
  process.exit(2);
}

function fixtureLogs(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? fixtureLogs(p) : n.endsWith('.log') ? [readFileSync(p, 'latin1')] : [];
  });
}

/** Real toolchain output to fill the log between failures, or null without Go. */
function toolchainOutput() {
  if (process.env.BENCH_DENSE === '1') return null;
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local' };
  const build = spawnSync('go', ['build', '-a', '-n', 'std'], { encoding: 'latin1', env, maxBuffer: 1 << 28 });
  const test = spawnSync('go', ['test', '-v', '-count=1', 'sort', 'strings', 'bytes', 'unicode/utf8', 'container/list', 'path'], { encoding: 'latin1', env, maxBuffer: 1 << 28 });
  if (build.error || test.error || !build.stderr) return null;
  return `${build.stderr}${test.stdout}`.split('\n');
}

async function buildLog(path, bytes) {
  const logs = fixtureLogs(join(ROOT, 'fixtures', 'logs')).map((t) => t.split('\n').filter((l) => !l.startsWith('# ')).map((l) => l.replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /, '')));
  const filler = toolchainOutput();
  const out = createWriteStream(path, { encoding: 'latin1' });
  let written = 0;
  let t = Date.UTC(2026, 0, 1);
  const put = async (lines) => {
    let chunk = '';
    for (const l of lines) chunk += `${new Date((t += 7)).toISOString().replace('Z', '0000Z')} ${l}\n`;
    written += chunk.length;
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  };
  let k = 0;
  while (written < bytes) {
    if (filler) {
      const until = written + 2 * 1024 * 1024;
      while (written < until && written < bytes) await put(filler);
    }
    await put(logs[k++ % logs.length]);
  }
  await new Promise((r) => out.end(r));
  return { written, kind: filler ? 'toolchain output with a real failure log every ~2 MB' : 'fixture failure logs only (dense worst case)' };
}

function best(fn) {
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = fn();
    times.push((performance.now() - t0) / 1000);
  }
  return { seconds: Math.min(...times), last };
}

mkdirSync(OUT, { recursive: true });
const dense = process.env.BENCH_DENSE === '1';
const log = join(OUT, `bench-${SIZE_MB}mb${dense ? '-dense' : ''}.log`);
const kindFile = `${log}.kind`;
if (!existsSync(log) || statSync(log).size < SIZE_MB * 1024 * 1024 || !existsSync(kindFile)) {
  const { kind } = await buildLog(log, SIZE_MB * 1024 * 1024);
  writeFileSync(kindFile, kind);
}
const kind = readFileSync(kindFile, 'utf8');
const size = statSync(log).size;
const mb = size / 1024 / 1024;

const { loadRuleSet } = await import('../dist/service/load-rule-set.js');
const triggers = [...new Set(loadRuleSet().rules.flatMap((r) => r.triggers))];
const ere = triggers.map((t) => t.replace(/[.[\]()*+?{}|^$\\]/g, '\\$&')).join('|');

const grep = best(() => spawnSync('grep', ['-E', '-i', '-c', ere, log], { encoding: 'utf8' }));
const grepHits = Number(grep.last.stdout.trim());
// The command users run (the bundled dist/cli.js); GNU time reports its peak RSS when installed,
// otherwise an in-process runner of the same code does.
const gnuTime = existsSync('/usr/bin/time');
const cli = best(() =>
  gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(ROOT, 'dist', 'cli.js'), 'diagnose', '--json', log], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, [join(ROOT, 'bench', 'run-cli-measured.mjs'), 'diagnose', '--json', log], { encoding: 'utf8', maxBuffer: 1 << 26 }),
);
const lastLine = cli.last.stderr.trim().split('\n').pop() ?? '';
const cliStats = gnuTime ? { code: cli.last.status, maxRssKb: Number(lastLine) } : JSON.parse(lastLine);
if (cliStats.code !== 0) throw new Error(`goarch exited ${cliStats.code}: ${cli.last.stderr}`);

const grepVersion = execFileSync('grep', ['--version'], { encoding: 'utf8' }).split('\n')[0];
const rows = [
  ['goarch diagnose --json', (mb / cli.seconds).toFixed(0), cli.seconds.toFixed(2), (cliStats.maxRssKb / 1024).toFixed(0)],
  [`grep -E -i (${triggers.length} trigger words, ${grepHits} matching lines)`, (mb / grep.seconds).toFixed(0), grep.seconds.toFixed(2), '-'],
];
const ratio = grep.seconds / cli.seconds;
const table = ['| command | MB/s | seconds | peak RSS (MB) |', '| --- | ---: | ---: | ---: |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
console.log(`log: ${mb.toFixed(0)} MB (${kind}), best of ${RUNS} runs\n${table}\ngoarch runs at ${(ratio * 100).toFixed(0)}% of grep's throughput (target: at least 50%); peak RSS ${(cliStats.maxRssKb / 1024).toFixed(0)} MB (target: under 150 MB)`);

if (process.argv.includes('--write')) {
  const md = `# Benchmarks

## Scanning throughput (\`npm run bench -- --write\`)

Measured on ${new Date().toISOString().slice(0, 10)} on this project's development machine (2 cores, Node ${process.version}, ${grepVersion}, locale ${process.env.LC_ALL ?? process.env.LANG ?? 'C'}).
The ${mb.toFixed(0)} MB log: ${kind} (see the header of \`bench/scan-throughput.mjs\`), with fresh Actions timestamps on
every line. Best of ${RUNS} runs each, same file, same run.

${table}

goarch reads the log at **${(ratio * 100).toFixed(0)}%** of GNU grep's throughput (target: at least 50%), with a peak RSS of
**${(cliStats.maxRssKb / 1024).toFixed(0)} MB** (target: under 150 MB whatever the log size: the scanner keeps only a window of lines).
grep only finds lines containing a trigger word; goarch also decodes, normalises and matches those lines against every rule,
tracks the context (steps, platforms, go env) and builds the diagnosis.
`;
  const path = join(ROOT, 'BENCHMARKS.md');
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const rest = old.includes('\n## Webhooks') ? old.slice(old.indexOf('\n## Webhooks')) : '';
  writeFileSync(path, md + rest);
  console.log('wrote BENCHMARKS.md');
}
