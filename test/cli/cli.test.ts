import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { captureStream } from '../support/capture-stream.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const POSITIVE = join(ROOT, 'fixtures/logs/lab/cgo-cross-host-gcc-arm.log');
const NEGATIVE = join(ROOT, 'fixtures/logs/lab/control-compile-typo.log');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runCli(args, { stdout, stderr, version: '0.0.0-test' });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('goarch diagnose', () => {
  it('--json prints the documented shape', async () => {
    const { code, out, err } = await cli(['diagnose', '--json', POSITIVE]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const j = JSON.parse(out) as { incidents: Array<Record<string, unknown>>; lines: number; bytes: number };
    expect(j.incidents[0]).toMatchObject({
      class: 'cgo-cross-linker',
      host: { goos: 'linux', goarch: 'amd64' },
      target: { goos: 'linux', goarch: 'arm' },
      fix: { commands: expect.arrayContaining([expect.stringContaining('CC=arm-linux-gnueabihf-gcc')]) },
    });
    expect(j.lines).toBeGreaterThan(0);
    expect(j.bytes).toBeGreaterThan(0);
  });

  it.each([
    [['diagnose', '--fail-on-incident', POSITIVE], 1],
    [['diagnose', '--fail-on-incident', NEGATIVE], 0],
    [['diagnose', POSITIVE], 0],
    [['diagnose', '--format', 'markdown', POSITIVE], 0],
    [['diagnose', '--format', 'slack', POSITIVE], 0],
  ])('%j exits %i', async (args, expected) => {
    expect((await cli(args)).code).toBe(expected);
  });

  it.each([
    [['diagnose', '/no/such/file.log'], /^goarch: cannot read "\/no\/such\/file\.log": no such file\n$/],
    [['diagnose', ROOT], /^goarch: cannot read ".*": it is a directory\n$/],
    [['diagnose', '--format', 'yaml', POSITIVE], /^goarch: --format must be one of text, markdown, json, slack \(got "yaml"\)\n$/],
    [['diagnose', '--bogus', POSITIVE], /^goarch: unknown flag "--bogus" for diagnose \(see goarch diagnose --help\)\n$/],
    [['diagnose'], /^goarch: diagnose needs a log file, or - for standard input\n$/],
    [['frobnicate'], /^goarch: unknown command "frobnicate"/],
    [['diagnose', '--rules', '/no/such/dir', POSITIVE], /^goarch: \/no\/such\/dir: \(directory\): cannot read rules directory: ENOENT\n$/],
  ])('%j is a one-line error and exit 2', async (args, message) => {
    const { code, out, err } = await cli(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  it('reads an unreadable rule file as a one-line error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goarch-cli-'));
    writeFileSync(join(dir, 'broken.yml'), 'id: broken\nclass: nope\n');
    const { code, err } = await cli(['diagnose', '--rules', dir, POSITIVE]);
    expect(code).toBe(2);
    expect(err).toMatch(/^goarch: .*broken\.yml: class: .*\n$/);
  });
});

describe('the built command', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run npm run build (npm ci does it through prepare)');
  });

  it('reads standard input with "-" and exits 0', async () => {
    const child = run('node', [join(ROOT, 'dist/cli.js'), 'diagnose', '--json', '-'], { cwd: ROOT });
    child.child.stdin?.end('bash: line 1: ./bin/app: cannot execute binary file: Exec format error\n');
    const { stdout } = await child;
    expect((JSON.parse(stdout) as { incidents: Array<{ class: string }> }).incidents.map((i) => i.class)).toEqual(['exec-format-error']);
  });

  it('prints no stack trace for a missing file, exit 2', async () => {
    await expect(run('node', [join(ROOT, 'dist/cli.js'), 'diagnose', 'nope.log'], { cwd: ROOT })).rejects.toMatchObject({ code: 2, stderr: 'goarch: cannot read "nope.log": no such file\n' });
  });
});
