import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { captureStream } from '../support/capture-stream.js';
import { startFakeGithubLogs, type FakeGithubLogs } from '../support/fake-github-logs.js';
import { writeZip } from '../support/write-zip.js';

/**
 * The published package, as a user gets it: `npm run pack:cli` packs it, npm installs the tarball into an
 * empty folder outside the repository (offline: it has no dependency to fetch), and `goarch diagnose` runs
 * from there on a plain log, a .gz, a log archive, gh --log-failed output and a run URL (against a fake
 * GitHub on loopback), each with the plain log's answer.
 */
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const LOG = join(ROOT, 'fixtures/logs/lab/cgo-cross-amd64-zlib.log');
const work = mkdtempSync(join(tmpdir(), 'goarch-package-'));
const app = join(work, 'empty-folder');
let tgz = '';
let gh: FakeGithubLogs | null = null;
const TOKEN = 'ghp_packageTestToken';

interface Json {
  verdict: string;
  incidents: Array<{ class: string; fingerprint: string; failingCommand: string | null; fix: { commands: string[] }; evidence: Array<{ text: string }> }>;
}
const answer = (j: Json) => ({ verdict: j.verdict, incidents: j.incidents.map((i) => ({ class: i.class, fingerprint: i.fingerprint, failingCommand: i.failingCommand, fix: i.fix.commands, evidence: i.evidence.map((e) => e.text) })) });

beforeAll(async () => {
  const { stdout } = await run('node', [join(ROOT, 'scripts/pack-cli.mjs'), '--out', join(work, 'pack')], { cwd: ROOT });
  tgz = stdout.trim();
  await run('mkdir', ['-p', app]);
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(work, 'npm-cache'), tgz], { cwd: app });
}, 120_000);

afterAll(async () => {
  await gh?.close();
});

const goarch = (args: string[], env: Record<string, string> = {}) => run(join(app, 'node_modules/.bin/goarch'), args, { cwd: app, env: { PATH: process.env.PATH ?? '', HOME: work, ...env } });

describe('the packed goarch package', () => {
  it('declares no dependency and ships the bundle, the rules with their verdicts and the schemas', async () => {
    const pkg = JSON.parse(readFileSync(join(app, 'node_modules/goarch/package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'goarch', version: (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version, bin: { goarch: 'dist/cli.js' } });
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.optionalDependencies).toBeUndefined();
    const { stdout } = await run('tar', ['tzf', tgz]);
    const files = stdout.trim().split('\n');
    expect(files).toEqual(expect.arrayContaining(['package/dist/cli.js', 'package/dist/rule-cache.json', 'package/rules/.redos-verdicts.json', 'package/schemas/diagnosis.schema.json', 'package/schemas/goarch-config.schema.json']));
    expect(files.filter((f) => f.includes('node_modules'))).toEqual([]);
    // Nothing but goarch itself was installed.
    const { stdout: ls } = await run('ls', [join(app, 'node_modules')]);
    expect(ls.trim().split('\n')).toEqual(['goarch']);
  });

  it('runs goarch diagnose on a plain log, a .gz, a log archive, gh --log-failed output and a run URL with the same answer', async () => {
    const stdout = captureStream();
    await runCli(['diagnose', '--json', LOG], { stdout, stderr: captureStream(), version: 'test' });
    const want = answer(JSON.parse(stdout.text()) as Json);
    expect(want.incidents.map((i) => i.class)).toEqual(['cgo-cross-linker']);

    const text = readFileSync(LOG, 'utf8');
    const body = text.split('\n').filter((_l, i, all) => !all.slice(0, i + 1).every((x) => x.startsWith('# ')));
    writeFileSync(join(app, 'build.log'), text);
    writeFileSync(join(app, 'build.log.gz'), gzipSync(text));
    writeFileSync(join(app, 'logs_42.zip'), writeZip([{ name: 'build/1_Set up job.txt', data: '' }, { name: 'build/4_Build.txt', data: text }]));
    writeFileSync(join(app, 'failed.txt'), body.map((l) => `build\tRun go build\t${l}`).join('\n'));
    for (const file of ['build.log', 'build.log.gz', 'logs_42.zip', 'failed.txt']) {
      const { stdout: out, stderr } = await goarch(['diagnose', '--json', file]);
      expect({ file, stderr }).toEqual({ file, stderr: '' });
      expect({ file, ...answer(JSON.parse(out) as Json) }).toEqual({ file, ...want });
    }

    // The run URL: the failed job's log through the API's 302 to storage, which must not see the token.
    gh = await startFakeGithubLogs({ token: TOKEN, runs: [{ owner: 'octo', repo: 'app', runId: 42, jobs: [{ id: 421, name: 'lint', conclusion: 'success', log: LOG }, { id: 422, name: 'build', conclusion: 'failure', log: LOG }] }] });
    const url = 'https://github.com/octo/app/actions/runs/42';
    const { stdout: out, stderr } = await goarch(['diagnose', '--json', url], { GH_TOKEN: TOKEN, GITHUB_API_URL: gh.apiUrl });
    expect({ url, stderr }).toEqual({ url, stderr: '' });
    expect({ url, ...answer(JSON.parse(out) as Json) }).toEqual({ url, ...want });
    expect(gh.logsServed()).toEqual([422]);
    expect(gh.leakedAuthorization()).toBe(0);
  });

  it('prints its version, its rules and a one-line error for a bad flag', async () => {
    expect((await goarch(['--version'])).stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect((await goarch(['rules'])).stdout).toMatch(/^\d+ rules\./);
    await expect(goarch(['diagnose', '--nope', 'build.log'])).rejects.toMatchObject({ code: 2, stderr: 'goarch: unknown flag "--nope" for diagnose (see goarch diagnose --help)\n' });
  });
});
