import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { captureStream } from '../support/capture-stream.js';
import { checkJsonSchema, type Schema } from '../support/check-json-schema.js';
import { writeZip, type ZipInput } from '../support/write-zip.js';

/**
 * Logs as people have them, built at test time from real fixture logs: gzip, GitHub's log archive (zip:
 * a job's whole log at the top, or its step logs in a folder), gh run view --log-failed output, on a
 * file and on standard input. Each must give the diagnosis of the plain log.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const DIR = mkdtempSync(join(tmpdir(), 'goarch-formats-'));
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schemas/diagnosis.schema.json'), 'utf8')) as Schema;

interface Json {
  verdict: string;
  bytes?: number;
  incidents: Array<{ class: string; fingerprint: string; failingCommand: string | null; step?: string | null; evidence: Array<{ line: number; text: string }>; source?: { member: string | null; job: string | null; step: string | null } }>;
  nearest: { cause: string; evidence: Array<{ text: string }> } | null;
  members?: Array<{ name: string; verdict: string; reason?: string }>;
  truncated: boolean;
}

async function diagnose(args: string[], stdin?: Buffer): Promise<{ code: number; json: Json | null; err: string; out: string }> {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runCli(['diagnose', ...args], { stdout, stderr, version: 'test', ...(stdin ? { stdin: Object.assign(Readable.from([stdin]), { isTTY: false }) } : {}) });
  const out = stdout.text();
  return { code, json: args.includes('--json') && code === 0 ? (JSON.parse(out) as Json) : null, err: stderr.text(), out };
}

/** What must not change: the verdict, each incident's class, fingerprint, failing command and evidence text. */
function answer(j: Json) {
  return {
    verdict: j.verdict,
    incidents: j.incidents.map((i) => ({ class: i.class, fingerprint: i.fingerprint, failingCommand: i.failingCommand, evidence: i.evidence.map((e) => e.text) })),
    nearest: j.nearest ? { cause: j.nearest.cause, evidence: j.nearest.evidence.map((e) => e.text) } : null,
  };
}

/** A real log cut into step logs where the runner starts a step (`##[group]Run …`), the way the archive holds them. */
function steps(text: string): ZipInput[] {
  const lines = text.split('\n');
  const out: Array<{ title: string; lines: string[] }> = [{ title: 'Set up job', lines: [] }];
  for (const line of lines) {
    const m = /##\[group\]Run (.{1,40})/.exec(line);
    if (m && (out.at(-1)?.lines.length ?? 0) > 0) out.push({ title: `Run ${m[1]!.replace(/[/\\:*?"<>|]/g, '')}`.trim(), lines: [] });
    out.at(-1)!.lines.push(line);
  }
  return out.map((s, n) => ({ name: `build/${n + 1}_${s.title}.txt`, data: s.lines.join('\n') + (n < out.length - 1 ? '\n' : '') }));
}

const STAMP = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z /;
/** gh run view --log-failed: `JOB<TAB>STEP<TAB>` before each line, every line with its Actions timestamp. */
function ghLog(text: string): string {
  const lines = text.split('\n');
  let header = 0;
  while (header < lines.length && lines[header]!.startsWith('# ')) header++;
  const stamped = lines.slice(header).map((l, i) => (STAMP.test(l) ? l : `2024-05-06T07:08:${String(10 + (i % 50)).padStart(2, '0')}.${String(1000000 + i).slice(1)}0Z ${l}`));
  return stamped.map((l) => `build (linux, arm64)\tRun make build\t${l}`).join('\n');
}

function realLogs(): string[] {
  const lab = readdirSync(join(ROOT, 'fixtures/logs/lab')).filter((n) => n.endsWith('.log')).map((n) => join(ROOT, 'fixtures/logs/lab', n));
  const pub: string[] = [];
  for (const cls of readdirSync(join(ROOT, 'fixtures/logs/public'), { withFileTypes: true })) {
    if (!cls.isDirectory()) continue;
    pub.push(...readdirSync(join(ROOT, 'fixtures/logs/public', cls.name)).filter((n) => n.endsWith('.log')).slice(0, 3).map((n) => join(ROOT, 'fixtures/logs/public', cls.name, n)));
  }
  return [...lab, ...pub];
}

const LOGS = realLogs();

describe.each(LOGS.map((l) => [l.slice(ROOT.length + 1), l]))('%s', (_name, log) => {
  const text = readFileSync(log, 'utf8');
  const base = join(DIR, log.slice(ROOT.length + 1).replace(/\//g, '_'));

  it('gives the plain log\'s diagnosis as .gz (file and stdin), zip (job log, step logs; file and stdin) and gh --log-failed output', async () => {
    const plain = await diagnose(['--json', log]);
    expect(plain.code).toBe(0);
    const want = answer(plain.json!);

    const gz = `${base}.gz`;
    writeFileSync(gz, gzipSync(text));
    const noExt = `${base}.bin`;
    writeFileSync(noExt, gzipSync(text)); // recognised by its bytes, not its name
    const jobZip = `${base}.zip`;
    writeFileSync(jobZip, writeZip([{ name: '0_build.txt', data: text }, ...steps(text), { name: '1_lint.txt', data: readFileSync(join(ROOT, 'fixtures/logs/lab/control-compile-typo.log')), method: 0 }]));
    const stepZip = `${base}-steps.zip`;
    writeFileSync(stepZip, writeZip(steps(text)));
    const gh = `${base}.gh.txt`;
    writeFileSync(gh, ghLog(text));

    for (const [what, run] of [
      ['gz file', () => diagnose(['--json', gz])],
      ['gz without extension', () => diagnose(['--json', noExt])],
      ['gz on stdin', () => diagnose(['--json', '-'], gzipSync(text))],
      ['zip with the job log', () => diagnose(['--json', jobZip])],
      ['zip of step logs', () => diagnose(['--json', stepZip])],
      ['zip on stdin', () => diagnose(['--json', '-'], readFileSync(stepZip))],
      ['gh --log-failed', () => diagnose(['--json', gh])],
      ['gh --log-failed gzipped on stdin', () => diagnose(['--json', '-'], gzipSync(readFileSync(gh)))],
    ] as const) {
      const got = await run();
      expect({ what, code: got.code, err: got.err }).toEqual({ what, code: 0, err: '' });
      expect(checkJsonSchema(SCHEMA, got.json), what).toEqual([]);
      const g = answer(got.json!);
      if (what === 'zip with the job log' && want.verdict !== 'architecture') continue; // the lint job's look-alike may answer first
      expect(g, what).toEqual(want);
    }
  });

  it('says which archive member, job and step the evidence is in, with the member\'s line numbers', async () => {
    const plain = (await diagnose(['--json', log])).json!;
    const stepZip = `${base}-where.zip`;
    const files = steps(text);
    writeFileSync(stepZip, writeZip(files));
    const got = (await diagnose(['--json', stepZip])).json!;
    got.incidents.forEach((incident, n) => {
      const src = incident.source!;
      expect(src.job).toBe('build');
      const member = files.find((f) => f.name === src.member);
      expect(member, `member ${src.member}`).toBeDefined();
      expect(src.step).toBe(src.member!.replace(/^build\/\d+_/, '').replace(/\.txt$/, ''));
      const lines = member!.data.toString().split('\n');
      for (const e of incident.evidence) expect(lines[e.line - 1]).toContain(e.text.slice(0, 30));
      expect(incident.evidence.map((e) => e.text)).toEqual(plain.incidents[n]!.evidence.map((e) => e.text));
    });
    if (got.incidents.length > 0) {
      const gh = `${base}.gh-where.txt`;
      writeFileSync(gh, ghLog(text));
      const g = (await diagnose(['--json', gh])).json!;
      expect(g.incidents[0]!.source).toEqual({ member: null, job: 'build (linux, arm64)', step: 'Run make build' });
      // gh writes UNKNOWN STEP when the archive had no step logs: the step is then the one the log shows, if any.
      writeFileSync(gh, ghLog(text).replace(/\tRun make build\t/g, '\tUNKNOWN STEP\t'));
      const u = (await diagnose(['--json', gh])).json!;
      expect(u.incidents[0]!.source).toEqual({ member: null, job: 'build (linux, arm64)', step: plain.incidents[0]!.step ?? null });
    }
  });
});

describe('archives and compressed logs that goarch refuses or caps', () => {
  const log = join(ROOT, 'fixtures/logs/lab/cgo-cross-amd64-zlib.log');
  const text = readFileSync(log);
  const file = (name: string, data: Buffer): string => {
    const p = join(DIR, name);
    writeFileSync(p, data);
    return p;
  };

  it.each([
    ['zip64', () => file('z64.zip', writeZip([{ name: '0_build.txt', data: text }], { zip64Locator: true })), /^goarch: cannot read ".*z64\.zip" as a zip archive: zip64 archives are not supported \(unzip it and give goarch the files\)\n$/],
    ['encrypted', () => file('enc.zip', writeZip([{ name: '0_build.txt', data: text, encrypted: true }])), /^goarch: cannot read ".*enc\.zip" as a zip archive: "0_build\.txt" is encrypted \(goarch reads unencrypted archives only\)\n$/],
    ['truncated zip', () => file('cut.zip', writeZip([{ name: '0_build.txt', data: text }]).subarray(0, 200)), /^goarch: cannot read ".*cut\.zip" as a zip archive: no end of central directory \(truncated or not a zip\)\n$/],
    ['damaged gzip', () => file('bad.gz', Buffer.concat([gzipSync(text).subarray(0, 40), Buffer.alloc(40, 0xff)])), /^goarch: cannot read ".*bad\.gz" as gzip: the compressed data is damaged or truncated\n$/],
  ])('%s: one line naming the file, exit 2, nothing on stdout', async (_what, make, message) => {
    const got = await diagnose([make()]);
    expect(got.code).toBe(2);
    expect(got.out).toBe('');
    expect(got.err).toMatch(message);
  });

  it.skipIf(!existsSync('/usr/bin/xz'))('refuses an xz-compressed log in one line instead of scanning its bytes', async () => {
    const p = file('build.log.xz', execFileSync('xz', ['-c'], { input: text }));
    expect(await diagnose([p])).toEqual({ code: 2, json: null, out: '', err: `goarch: cannot read "${p}": it is xz-compressed, which goarch does not read (unxz it first, or pipe it: unxz -c FILE | goarch diagnose -)\n` });
  });

  it('skips a member of an unknown compression method, naming it and why', async () => {
    const p = file('method.zip', writeZip([{ name: 'build/2_Run go build.txt', data: text, method: 0 }, { name: 'other/1_x.txt', data: text, method: 12 }]));
    const got = await diagnose(['--json', p]);
    expect(got.json!.incidents.map((i) => i.class)).toEqual(['cgo-cross-linker']);
    expect(got.json!.members).toContainEqual(expect.objectContaining({ name: 'other/1_x.txt', verdict: 'skipped', reason: 'compression method 12 is not supported (stored and deflate are)' }));
  });

  it('reads members larger than one read, stored and deflated, to the byte', async () => {
    const filler = readFileSync(join(ROOT, 'fixtures/logs/lab/control-compile-typo.log'));
    const big = Buffer.concat([...Array.from({ length: 3000 }, () => filler), text]);
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    for (const method of [0, 8]) {
      const got = await diagnose(['--json', file(`big-${method}.zip`, writeZip([{ name: 'build/2_Build.txt', data: big, method }]))]);
      expect(got.json).toMatchObject({ bytes: big.length, truncated: false, incidents: [{ class: 'cgo-cross-linker' }] });
    }
  });

  it('caps a .gz at --max-bytes of text and says it was truncated', async () => {
    const p = file('cap.gz', gzipSync(Buffer.concat([text, text, text])));
    const got = await diagnose(['--json', '--max-bytes', '1000', p]);
    expect(got.json!.truncated).toBe(true);
  });

  it('shows an archive member name without its control characters', async () => {
    const p = file('names.zip', writeZip([{ name: 'build\x1b[31m/3_Build\x07.txt', data: text }]));
    const got = await diagnose([p]);
    expect(got.code).toBe(0);
    expect(got.out).toContain('evidence in build[31m/3_Build.txt, job build[31m, step Build');
    expect(got.out.includes('\x07') || got.out.includes('\x1b')).toBe(false);
  });

  it.skipIf(!existsSync('/usr/bin/zip'))('reads an archive written by Debian\'s zip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goarch-zipcli-'));
    execFileSync('mkdir', ['-p', join(dir, 'in', 'build')]);
    writeFileSync(join(dir, 'in', 'build', '4_Build.txt'), text);
    execFileSync('zip', ['-qr', join(dir, 'logs.zip'), '.'], { cwd: join(dir, 'in') });
    const plain = (await diagnose(['--json', log])).json!;
    const got = (await diagnose(['--json', join(dir, 'logs.zip')])).json!;
    expect(answer(got)).toEqual(answer(plain));
    expect(got.incidents[0]!.source).toEqual({ member: 'build/4_Build.txt', job: 'build', step: 'Build' });
  });

  it('sends a URL to the run-URL source (test/cli/run-url.test.ts), which refuses one that is not a run in one line', async () => {
    const got = await diagnose(['https://github.com/o/r/pull/1']);
    expect(got).toMatchObject({ code: 2, out: '' });
    expect(got.err).toMatch(/^goarch: "https:\/\/github\.com\/o\/r\/pull\/1" is not a GitHub Actions run URL: the path is not \/OWNER\/REPO\/actions\/runs\/RUN_ID \(expected [^\n]*\)\n$/);
  });
});

describe('a plain file of many read chunks', () => {
  // The file reader hands out two reused 1 MiB buffers in turn: every chunk must be read whole before the
  // next overwrites it. Real failure logs placed across the chunk boundaries, between real plain lines.
  it('gives the diagnosis of the same bytes on standard input', async () => {
    const failure = readFileSync(join(ROOT, 'fixtures/logs/lab/cgo-cross-amd64-zlib.log'));
    const filler = readFileSync(join(ROOT, 'fixtures/logs/lab/control-compile-typo.log'));
    const parts: Buffer[] = [];
    let size = 0;
    for (const at of [0.5, 1, 2, 2.5, 3]) {
      while (size < at * 1024 * 1024 - 200) {
        parts.push(filler);
        size += filler.length;
      }
      parts.push(failure);
      size += failure.length;
    }
    const bytes = Buffer.concat(parts);
    const path = join(DIR, 'chunks.log');
    writeFileSync(path, bytes);
    const fromFile = await diagnose(['--json', path]);
    const fromStdin = await diagnose(['--json', '-'], bytes);
    expect(fromFile.code).toBe(0);
    expect(fromFile.json?.verdict).toBe('architecture');
    expect(fromFile.json && answer(fromFile.json)).toEqual(fromStdin.json && answer(fromStdin.json));
    // The same line numbers too: the chunks were counted whole.
    const lines = (j: Json | null): number[] => j?.incidents.flatMap((i) => i.evidence.map((e) => e.line)) ?? [];
    expect(lines(fromFile.json)).toEqual(lines(fromStdin.json));
    expect(lines(fromFile.json).length).toBeGreaterThan(0);
  });
});
