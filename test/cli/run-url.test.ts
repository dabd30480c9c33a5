import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { captureStream } from '../support/capture-stream.js';
import { checkJsonSchema, type Schema } from '../support/check-json-schema.js';
import { RATE_LIMIT_RESET, startFakeGithubLogs, type FakeGithubLogs, type FakeJob } from '../support/fake-github-logs.js';

/**
 * `goarch diagnose <run URL>` against a fake GitHub on loopback (real HTTP, a 302 to a second "storage"
 * server that refuses an Authorization header), serving real fixture logs: only the failed jobs' logs are
 * downloaded, each diagnosed as the plain log is, and every failure is one line without the token.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const FAILING = join(ROOT, 'fixtures/logs/lab/cgo-cross-amd64-zlib.log');
const OTHER = join(ROOT, 'fixtures/logs/lab/exec-arm64-bash.log');
const CONTROL = join(ROOT, 'fixtures/logs/lab/control-compile-typo.log');
const TOKEN = 'ghp_fakeTokenThatMustNeverBePrinted0123';

interface Json {
  verdict: string;
  truncated: boolean;
  bytes: number;
  incidents: Array<{ class: string; fingerprint: string; failingCommand: string | null; evidence: Array<{ line: number; text: string }>; source?: { member: string | null; job: string | null; step: string | null } }>;
  members?: Array<{ name: string; job: string | null; verdict: string; truncated: boolean }>;
}
const answer = (j: Json) => ({ verdict: j.verdict, incidents: j.incidents.map((i) => ({ class: i.class, fingerprint: i.fingerprint, failingCommand: i.failingCommand, evidence: i.evidence.map((e) => [e.line, e.text]) })) });

async function goarch(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string; json: Json | null }> {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runCli(['diagnose', ...args], { stdout, stderr, version: 'test', env });
  const out = stdout.text();
  return { code, out, err: stderr.text(), json: code === 0 && args.includes('--json') ? (JSON.parse(out) as Json) : null };
}

const job = (id: number, name: string, conclusion: string | null, log = CONTROL): FakeJob => ({ id, name, conclusion, log });
// 150 jobs: the failed one is on the second page.
const MANY = [...Array.from({ length: 149 }, (_, n) => job(5000 + n, `shard ${n}`, 'success')), job(5200, 'shard 149', 'failure', FAILING)];
let gh: FakeGithubLogs;
let plain: Json;
let plainOther: Json;
let env: Record<string, string>;

beforeAll(async () => {
  gh = await startFakeGithubLogs({
    token: TOKEN,
    runs: [
      { owner: 'octo', repo: 'app', runId: 100, jobs: [job(1001, 'lint', 'success'), job(1002, 'build (arm64)', 'failure', FAILING), job(1003, 'test (arm64)', 'timed_out', OTHER), job(1004, 'docs', 'skipped')], attempts: { 1: [job(901, 'build (arm64)', 'failure', OTHER)] } },
      { owner: 'octo', repo: 'app', runId: 200, jobs: MANY },
      { owner: 'octo', repo: 'app', runId: 300, jobs: [job(3001, 'build', 'success'), job(3002, 'emulated test', 'cancelled', OTHER)] },
      { owner: 'octo', repo: 'app', runId: 400, jobs: [job(4001, 'build', 'success'), job(4002, 'deploy', null)] },
      { owner: 'octo', repo: 'public-app', runId: 500, public: true, jobs: [job(5001, 'build', 'failure', FAILING)] },
      { owner: 'octo', repo: 'app', runId: 600, jobs: [job(6001, 'build \x1b[31m(arm64)\x07\u009b2J', 'failure', FAILING)] },
    ],
  });
  env = { GH_TOKEN: TOKEN, GITHUB_API_URL: gh.apiUrl };
  const stdout = captureStream();
  await runCli(['diagnose', '--json', FAILING], { stdout, stderr: captureStream(), version: 'test' });
  plain = JSON.parse(stdout.text()) as Json;
  const other = captureStream();
  await runCli(['diagnose', '--json', OTHER], { stdout: other, stderr: captureStream(), version: 'test' });
  plainOther = JSON.parse(other.text()) as Json;
  expect(plain.incidents.map((i) => i.class)).toEqual(['cgo-cross-linker']);
});

afterAll(async () => {
  await gh.close();
});

describe('goarch diagnose <run URL>', () => {
  it("downloads only the failed and timed-out jobs' logs, through the storage redirect without the token, and diagnoses each like the plain log", async () => {
    const before = gh.requests.length;
    const got = await goarch(['--json', 'https://github.com/octo/app/actions/runs/100'], env);
    expect(got.err).toBe('');
    expect(got.code).toBe(0);
    const json = got.json!;
    expect(checkJsonSchema(JSON.parse(readFileSync(join(ROOT, 'schemas/diagnosis.schema.json'), 'utf8')) as Schema, json)).toEqual([]);
    expect(answer({ ...json, incidents: json.incidents.filter((i) => i.class === 'cgo-cross-linker') })).toEqual({ ...answer(plain), verdict: json.verdict });
    expect(json.incidents.map((i) => i.fingerprint)).toEqual([...plain.incidents, ...plainOther.incidents].map((i) => i.fingerprint));
    expect(json.incidents.map((i) => [i.source?.member, i.source?.job])).toEqual([[null, 'build (arm64)'], ...plainOther.incidents.map(() => [null, 'test (arm64)'])]);
    expect(json.members?.map((m) => [m.name, m.job])).toEqual([['build (arm64)', 'build (arm64)'], ['test (arm64)', 'test (arm64)']]);
    const calls = gh.requests.slice(before);
    expect(calls.map((r) => `${r.server} ${r.path}`)).toEqual([
      'api /repos/octo/app/actions/runs/100/jobs',
      'api /repos/octo/app/actions/jobs/1002/logs',
      'storage /logs/1002',
      'api /repos/octo/app/actions/jobs/1003/logs',
      'storage /logs/1003',
    ]);
    expect(calls[0]?.query).toEqual({ filter: 'latest', per_page: '100', page: '1' });
    expect(calls.filter((r) => r.server === 'api').map((r) => r.authorization)).toEqual(Array(3).fill(`Bearer ${TOKEN}`));
    expect(gh.leakedAuthorization()).toBe(0);
  });

  it('says which job the evidence is in, in the text output', async () => {
    const got = await goarch(['https://github.com/octo/app/actions/runs/100'], env);
    expect(got.code).toBe(0);
    expect(got.out).toContain('GitHub Actions run: 2 job logs read.\n');
    expect(got.out).toContain('1. cgo-cross-linker: evidence in job build (arm64), step ');
    expect(got.out).toContain('2. exec-format-error: evidence in job test (arm64), step ');
  });

  it('pages through the jobs (per_page=100) to find a failed one on page 2', async () => {
    const before = gh.requests.length;
    const got = await goarch(['--json', 'https://github.com/octo/app/actions/runs/200'], env);
    expect(got.err).toBe('');
    expect(answer(got.json!)).toEqual(answer(plain));
    const calls = gh.requests.slice(before);
    expect(calls.filter((r) => r.path.endsWith('/jobs')).map((r) => r.query.page)).toEqual(['1', '2']);
    expect(calls.filter((r) => r.server === 'storage').map((r) => r.path)).toEqual(['/logs/5200']);
  });

  it("reads the one job a job URL names (GitHub's ?pr= and #step anchor included), and an attempt's jobs", async () => {
    const one = await goarch(['--json', 'https://github.com/octo/app/actions/runs/100/job/1002?pr=7#step:4:12'], env);
    expect(one.err).toBe('');
    expect(answer(one.json!)).toEqual(answer(plain));
    expect(one.json!.members?.map((m) => m.name)).toEqual(['build (arm64)']);
    const attempt = await goarch(['--json', 'https://github.com/octo/app/actions/runs/100/attempts/1'], env);
    expect(attempt.err).toBe('');
    expect(answer(attempt.json!)).toEqual(answer(plainOther));
    expect(gh.logsServed().at(-1)).toBe(901);
  });

  it('reads the cancelled jobs of a run in which no job failed (a hang that was stopped)', async () => {
    const got = await goarch(['--json', 'https://github.com/octo/app/actions/runs/300'], env);
    expect(got.err).toBe('');
    expect(answer(got.json!)).toEqual(answer(plainOther));
  });

  it('caps each job log like an archive member (--max-bytes), and stops the download there', async () => {
    const got = await goarch(['--json', '--max-bytes', '1KB', 'https://github.com/octo/app/actions/runs/100/job/1002'], env);
    expect(got.err).toBe('');
    expect(got.json).toMatchObject({ truncated: true, members: [{ name: 'build (arm64)', truncated: true }] });
    expect(got.json!.bytes).toBeLessThanOrEqual(1024);
  });

  it("strips control characters from a job's name (a workflow from a fork names its jobs)", async () => {
    const got = await goarch(['https://github.com/octo/app/actions/runs/600'], env);
    expect(got.code).toBe(0);
    expect(got.out).toContain('evidence in job build [31m(arm64)2J, step ');
    expect(['\x07', '\x1b', '\u009b'].filter((c) => got.out.includes(c))).toEqual([]);
  });

  it('uses GH_HOST for GitHub Enterprise Server, with GITHUB_TOKEN when GH_TOKEN is not set', async () => {
    const ghe = await startFakeGithubLogs({ token: 'ghe-token', basePath: '/api/v3', runs: [{ owner: 'corp', repo: 'svc', runId: 7, jobs: [job(71, 'build', 'failure', FAILING)] }] });
    try {
      const got = await goarch(['--json', 'https://ghe.example.com/corp/svc/actions/runs/7'], { GH_HOST: 'ghe.example.com', GITHUB_API_URL: ghe.apiUrl, GITHUB_TOKEN: 'ghe-token' });
      expect(got.err).toBe('');
      expect(answer(got.json!)).toEqual(answer(plain));
      expect(ghe.requests.filter((r) => r.server === 'api').map((r) => [r.path, r.authorization])).toEqual([
        ['/api/v3/repos/corp/svc/actions/runs/7/jobs', 'Bearer ghe-token'],
        ['/api/v3/repos/corp/svc/actions/jobs/71/logs', 'Bearer ghe-token'],
      ]);
      expect(ghe.leakedAuthorization()).toBe(0);
    } finally {
      await ghe.close();
    }
  });

  it.each([
    ['no token, a private repository', 'https://github.com/octo/app/actions/runs/100', {}, 'goarch: GitHub answered HTTP 404 for the jobs of run 100 of octo/app: a private repository needs a token: set GH_TOKEN or GITHUB_TOKEN (for example GH_TOKEN=$(gh auth token))\n'],
    ['no token, a public repository', 'https://github.com/octo/public-app/actions/runs/500', {}, 'goarch: GitHub answered HTTP 403 for the log of job "build" (5001): job logs need a token: set GH_TOKEN or GITHUB_TOKEN (for example GH_TOKEN=$(gh auth token))\n'],
    ['a refused token', 'https://github.com/octo/app/actions/runs/100', { GH_TOKEN: 'ghp_revokedTokenValue' }, 'goarch: GitHub refused the token in GH_TOKEN (HTTP 401) for the jobs of run 100 of octo/app: it is expired, revoked or not a token\n'],
    ['a run that does not exist', 'https://github.com/octo/app/actions/runs/999', { GH_TOKEN: TOKEN }, 'goarch: GitHub answered HTTP 404 for the jobs of run 999 of octo/app: it does not exist, or the token in GH_TOKEN cannot read it (it needs the repo scope, or Actions: read for a fine-grained token)\n'],
    ['a job of another run', 'https://github.com/octo/app/actions/runs/200/job/1002', { GH_TOKEN: TOKEN }, 'goarch: job 1002 is not a job of run 200 (it belongs to run 100): check the URL\n'],
    ['a run with nothing failed', 'https://github.com/octo/app/actions/runs/400', { GH_TOKEN: TOKEN }, 'goarch: run 400 of octo/app has no failed, timed-out or cancelled job to diagnose (jobs: 1 success, 1 in progress); give a job URL (…/job/JOB_ID) to read one anyway\n'],
    ['a token with a newline', 'https://github.com/octo/app/actions/runs/100', { GH_TOKEN: 'ghp_abc\ninjected: 1' }, 'goarch: GH_TOKEN does not look like a token (it has spaces, control or non-ASCII characters)\n'],
    ['a host that is not GitHub', 'https://gitlab.com/octo/app/actions/runs/100', { GH_TOKEN: TOKEN }, /^goarch: "https:\/\/gitlab\.com\/octo\/app\/actions\/runs\/100" is not a GitHub Actions run URL: its host gitlab\.com is not github\.com \(for GitHub Enterprise Server, set GH_HOST=gitlab\.com\) \(expected .*\)\n$/],
  ])('%s: one line, exit 2, no token', async (_what, url, vars: Record<string, string>, message) => {
    const got = await goarch([url], { GITHUB_API_URL: gh.apiUrl, ...vars });
    expect({ code: got.code, out: got.out }).toEqual({ code: 2, out: '' });
    if (typeof message === 'string') expect(got.err).toBe(message);
    else expect(got.err).toMatch(message);
    expect(got.err).not.toContain(TOKEN);
    expect(got.err).not.toContain('ghp_revokedTokenValue');
  });

  it('says when the rate limit resets (403 with x-ratelimit-remaining 0), or when to retry (429)', async () => {
    for (const [status, want] of [
      [403, `goarch: GitHub's API rate limit was reached while reading the jobs of run 1 of o/r: it resets at ${new Date(RATE_LIMIT_RESET * 1000).toISOString().replace('.000Z', 'Z')}\n`],
      [429, "goarch: GitHub's API rate limit was reached while reading the jobs of run 1 of o/r: try again in 60 s\n"],
    ] as const) {
      const limited = await startFakeGithubLogs({ token: TOKEN, rateLimit: status, runs: [] });
      try {
        expect(await goarch(['https://github.com/o/r/actions/runs/1'], { GH_TOKEN: TOKEN, GITHUB_API_URL: limited.apiUrl })).toMatchObject({ code: 2, out: '', err: want });
      } finally {
        await limited.close();
      }
    }
  });

  it('refuses a log redirect that is not https, and says a network error in one line', async () => {
    const odd = await startFakeGithubLogs({ token: TOKEN, logLocation: () => 'http://blob.example.net/logs/1?sig=x', runs: [{ owner: 'o', repo: 'r', runId: 1, jobs: [job(11, 'build', 'failure', FAILING)] }] });
    try {
      const got = await goarch(['https://github.com/o/r/actions/runs/1'], { GH_TOKEN: TOKEN, GITHUB_API_URL: odd.apiUrl });
      expect(got).toMatchObject({ code: 2, out: '', err: 'goarch: GitHub\'s API sent the log of job "build" (11) to http://blob.example.net, which goarch does not download from (https only)\n' });
      expect(odd.requests.filter((r) => r.server === 'storage')).toEqual([]);
    } finally {
      await odd.close();
    }
    // A port that was just free: nothing listens there.
    const gone = await startFakeGithubLogs({ token: TOKEN, runs: [] });
    await gone.close();
    const down = await goarch(['https://github.com/o/r/actions/runs/1'], { GH_TOKEN: TOKEN, GITHUB_API_URL: gone.apiUrl });
    expect(down).toMatchObject({ code: 2, out: '', err: `goarch: cannot reach GitHub's API at ${new URL(gone.apiUrl).host} for the jobs of run 1 of o/r: ECONNREFUSED\n` });
  });
});
