import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/run-cli.js';
import { captureStream } from '../support/capture-stream.js';

const ROOT = join(import.meta.dirname, '..', '..');
const POSITIVE = join(ROOT, 'fixtures/logs/lab/exec-arm64-bash.log');

async function cli(args: string[], extra: Partial<CliIo> = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runCli(args, { stdout, stderr, version: '0.0.0-test', ...extra });
  return { code, out: stdout.text(), err: stderr.text() };
}

/** A copy of a shipped rule under another id, in a directory of its own (what a team's --rules DIR holds). */
function ruleDir(id: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'goarch-rules-'));
  const text = readFileSync(join(ROOT, 'rules/runtime/binfmt-not-registered.yml'), 'utf8').replace(/^id: .*$/m, `id: ${id}`);
  writeFileSync(join(dir, `${id}.yml`), text);
  return dir;
}

describe('flags read by node:util parseArgs', () => {
  it.each([
    [['--fail-on-incident'], 1],
    [['--fail-on-incident=true'], 1],
    [['--fail-on-incident=false'], 0],
    [['--fail-on-incident=0'], 0],
    [[], 0],
  ])('diagnose %j on an incident exits %i', async (flags, expected) => {
    expect((await cli(['diagnose', ...flags, POSITIVE])).code).toBe(expected);
  });

  it.each([
    [['diagnose', '--help']],
    [['diagnose', '-h']],
    [['help', 'diagnose']],
  ])('%j prints the options of diagnose, exit 0', async (args) => {
    const { code, out, err } = await cli(args);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/^Usage: goarch diagnose/);
    expect(out).toContain('--fail-on-incident');
  });

  it.each(['fix', 'rules', 'explain'])('%s --help prints its own usage', async (command) => {
    const { code, out } = await cli([command, '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^Usage: goarch ${command}`));
  });

  it.each([
    [['diagnose', '--fail-on-incident=maybe', POSITIVE], 'goarch: --fail-on-incident takes true or false (got "maybe")\n'],
    [['diagnose', POSITIVE, '--format'], 'goarch: --format needs a value\n'],
    [['diagnose', '--format', '--json', POSITIVE], 'goarch: --format needs a value\n'],
    [['diagnose', '-x', POSITIVE], 'goarch: unknown flag "-x" for diagnose (see goarch diagnose --help)\n'],
    [['diagnose', '--json', '--format', 'text', POSITIVE], 'goarch: --json contradicts --format text\n'],
    [['diagnose', '--only-rules', POSITIVE], 'goarch: --only-rules needs --rules DIR\n'],
    [['diagnose', POSITIVE, POSITIVE], `goarch: diagnose takes one log file (got 2: ${POSITIVE}, ${POSITIVE})\n`],
    [['rules', 'extra'], 'goarch: rules takes no argument (got "extra")\n'],
    [['explain'], 'goarch: explain needs a failure class or a rule id (see goarch rules)\n'],
    [['help', 'nope'], 'goarch: unknown command "nope" for help (expected diagnose, fix, rules, explain)\n'],
    [['fix', '--workflow', 'w.yml', 'log.txt'], 'goarch: unknown argument "log.txt" for fix (the log is given with --log FILE)\n'],
  ])('%j: one line naming the flag, exit 2', async (args, message) => {
    expect(await cli(args)).toEqual({ code: 2, out: '', err: message });
  });
});

describe('goarch rules and explain', () => {
  it('lists every shipped rule with its class, title and the wordings it catches', async () => {
    const { code, out } = await cli(['rules', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(out) as Array<{ id: string; class: string; title: string; catches: string[] }>;
    expect(list.length).toBeGreaterThan(50);
    for (const r of list) {
      expect(r.title.length, r.id).toBeGreaterThan(4);
      expect(r.catches.length, r.id).toBeGreaterThan(0);
    }
    expect(list.find((r) => r.id === 'ld-skipping-incompatible')).toMatchObject({ class: 'cgo-cross-linker', catches: expect.arrayContaining([expect.stringContaining('skipping incompatible')]) });
    const text = await cli(['rules']);
    expect(text.out).toMatch(/^\d+ rules\./);
    expect(text.out).toContain('cgo-cross-linker (');
    expect(text.out).toMatch(/^ {2}ld-skipping-incompatible: /m);
  });

  it('explains a class with its rules, a rule with its explanation, a look-alike cause with its hint', async () => {
    const cls = await cli(['explain', 'cgo-cross-linker']);
    expect(cls.code).toBe(0);
    expect(cls.out).toMatch(/^cgo-cross-linker: The C toolchain failed while cross-compiling cgo code/);
    expect(cls.out).toContain('  ld-skipping-incompatible: ');
    const rule = await cli(['explain', 'ld-skipping-incompatible', '--json']);
    expect(JSON.parse(rule.out)).toMatchObject({ kind: 'rule', id: 'ld-skipping-incompatible', class: 'cgo-cross-linker', explanation: expect.any(String) });
    const cause = await cli(['explain', 'module-checksum-mismatch', '--json']);
    expect((JSON.parse(cause.out) as { kind: string; rules: unknown[] }).rules.length).toBeGreaterThan(0);
    expect(await cli(['explain', 'no-such-thing'])).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^goarch: explain: "no-such-thing" is neither a failure class .*\n$/) });
  });
});

describe('--rules DIR and --only-rules', () => {
  it('adds a directory to the built-in rules, or replaces them with --only-rules', async () => {
    const dir = ruleDir('team-binfmt-copy');
    const builtIn = (JSON.parse((await cli(['rules', '--json'])).out) as Array<{ id: string }>).map((r) => r.id);
    const added = (JSON.parse((await cli(['rules', '--json', '--rules', dir])).out) as Array<{ id: string }>).map((r) => r.id);
    expect(added.sort()).toEqual([...builtIn, 'team-binfmt-copy'].sort());
    const only = (JSON.parse((await cli(['rules', '--json', '--rules', dir, '--only-rules'])).out) as Array<{ id: string }>).map((r) => r.id);
    expect(only).toEqual(['team-binfmt-copy']);
  });

  it('refuses a rule id defined twice, naming both files', async () => {
    const dir = ruleDir('binfmt-not-registered');
    expect(await cli(['rules', '--rules', dir])).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^goarch: .*binfmt-not-registered\.yml: id: rule "binfmt-not-registered" is already defined by .*rules\/runtime\/binfmt-not-registered\.yml \(rename it, or use --only-rules\)\n$/) });
  });
});

describe('standard input and colours', () => {
  const log = readFileSync(POSITIVE);
  const stdin = (isTTY: boolean) => Object.assign(Readable.from([log]), { isTTY });

  it('hints on stderr when - reads from a terminal, and says nothing when it reads a pipe', async () => {
    const tty = await cli(['diagnose', '--json', '-'], { stdin: stdin(true) });
    expect(tty.err).toBe('goarch: reading the log from the terminal: paste it and press Ctrl-D (or give a file: goarch diagnose build.log)\n');
    const pipe = await cli(['diagnose', '--json', '-'], { stdin: stdin(false) });
    expect(pipe.err).toBe('');
    expect(JSON.parse(pipe.out)).toEqual(JSON.parse(tty.out));
  });

  it('says so when standard input was empty (docker run without -i)', async () => {
    const got = await cli(['diagnose', '-'], { stdin: Object.assign(Readable.from([]), { isTTY: false }) });
    expect(got.code).toBe(0);
    expect(got.err).toBe('goarch: standard input was empty (in docker run, pass -i so that the log reaches goarch)\n');
  });

  const ESC = '\x1b[';
  it.each([
    [{}, [], false],
    [{ FORCE_COLOR: '1' }, [], true],
    [{ FORCE_COLOR: '1' }, ['--no-color'], false],
    [{ FORCE_COLOR: '0' }, [], false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, [], true],
  ])('env %j flags %j: colour %s', async (env, flags, coloured) => {
    const { out } = await cli(['diagnose', ...flags, POSITIVE], { env });
    expect(out.includes(ESC)).toBe(coloured);
  });

  it('NO_COLOR turns colours off on a terminal', async () => {
    const stdout = Object.assign(captureStream(), { isTTY: true });
    await runCli(['diagnose', POSITIVE], { stdout, stderr: captureStream(), version: 't', env: { NO_COLOR: '1' } });
    expect(stdout.text().includes(ESC)).toBe(false);
    const coloured = Object.assign(captureStream(), { isTTY: true });
    await runCli(['diagnose', POSITIVE], { stdout: coloured, stderr: captureStream(), version: 't', env: {} });
    expect(coloured.text().includes(ESC)).toBe(true);
  });
});
