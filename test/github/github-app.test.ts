import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getTestRedis } from '../support/redis.js';
import type { TestRedis } from '../support/redis.js';
import type { AppServer } from './github-test-kit.js';
import {
  API,
  BLOB,
  BY_THIS_APP,
  FIXTURE,
  TOKEN_REPLY,
  checkRunPayload,
  deliver,
  fixtureBody,
  issueCommentPayload,
  startAppServer,
  track,
  uniqueRepo,
  waitFor,
  workflowRunPayload,
} from './github-test-kit.js';

const redis = await getTestRedis();
const MARKER = '<!-- goarch:diagnosis -->';
const CONFIG = /\/contents\/\.github(%2F|\/)goarch\.yml/;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(async () => {
  nock.enableNetConnect();
  await redis?.stop();
});

type Repo = ReturnType<typeof uniqueRepo>;

interface Posted {
  created: { pr: number; body: string }[];
  edits: { id: number; body: string }[];
}

/** The installation token and `.github/goarch.yml` (absent from the repository and the org's .github repository, or `yaml`). */
function mockAuthAndConfig(api: nock.Scope, r: Repo, yaml: string | null = null): void {
  api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
  if (yaml === null) {
    api.get((path) => CONFIG.test(path) && path.startsWith(`/repos/${r.owner}/${r.repo}/`)).reply(404, { message: 'Not Found' });
    api.get((path) => CONFIG.test(path) && path.startsWith(`/repos/${r.owner}/.github/`)).reply(404, { message: 'Not Found' });
  } else {
    api.get((path) => CONFIG.test(path) && path.startsWith(`/repos/${r.owner}/${r.repo}/`)).reply(200, yaml, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
  }
}

/** A run whose one failed job `jobId` has `log` (a fixture path) behind the usual 302 to blob storage. */
function mockRun(api: nock.Scope, blob: nock.Scope, r: Repo, runId: number, jobId: number, log: string, text?: string): void {
  api.get(`/repos/${r.owner}/${r.repo}/actions/runs/${runId}/jobs`).query(true).reply(200, {
    total_count: 2,
    jobs: [
      { id: jobId, name: 'build (arm64)', conclusion: 'failure', html_url: `https://github.com/${r.owner}/${r.repo}/actions/runs/${runId}/job/${jobId}`, steps: [{ number: 1, conclusion: 'success' }, { number: 4, conclusion: 'failure' }] },
      { id: jobId + 1, name: 'lint', conclusion: 'success', html_url: `https://github.com/${r.owner}/${r.repo}/actions/runs/${runId}/job/${jobId + 1}`, steps: [] },
    ],
  });
  api.get(`/repos/${r.owner}/${r.repo}/actions/jobs/${jobId}/logs`).reply(302, '', { location: `${BLOB}/actions-results/${jobId}/logs/job.txt?sig=abc` });
  blob.get(`/actions-results/${jobId}/logs/job.txt`).query({ sig: 'abc' }).reply(200, text ?? fixtureBody(log), { 'content-type': 'text/plain' });
}

function mockComments(api: nock.Scope, r: Repo, pr: number, posted: Posted, existing: { id: number; body: string }[] = [], commentId = 9001): void {
  api.get(`/repos/${r.owner}/${r.repo}/issues/${pr}/comments`).query(true).reply(200, existing.map((c) => ({ ...c, ...BY_THIS_APP, html_url: `https://github.com/c/${c.id}` })));
  api.post(`/repos/${r.owner}/${r.repo}/issues/${pr}/comments`).reply(201, (_uri, body) => {
    const text = (body as { body: string }).body;
    posted.created.push({ pr, body: text });
    return { id: commentId, body: text, html_url: `https://github.com/${r.owner}/${r.repo}/pull/${pr}#issuecomment-${commentId}` };
  });
}

function mockEdit(api: nock.Scope, r: Repo, posted: Posted, commentId = 9001): void {
  const current = () => posted.edits.at(-1)?.body ?? posted.created.at(-1)?.body ?? '';
  api.get(`/repos/${r.owner}/${r.repo}/issues/comments/${commentId}`).reply(200, () => ({ id: commentId, body: current(), ...BY_THIS_APP, html_url: `https://github.com/c/${commentId}` }));
  api.patch(`/repos/${r.owner}/${r.repo}/issues/comments/${commentId}`).reply(200, (_uri, body) => {
    const text = (body as { body: string }).body;
    posted.edits.push({ id: commentId, body: text });
    return { id: commentId, body: text, html_url: `https://github.com/c/${commentId}` };
  });
}

/** docs/examples/pr-comment.md: the comment as posted, with the test's repository renamed and the base64 state elided. */
function writeExample(body: string, r: Repo): void {
  const shown = body.replaceAll(`${r.owner}/${r.repo}`, 'acme/gdu').replace(/<!-- goarch:state [A-Za-z0-9+/=]+ [0-9a-f]{64} -->/, '<!-- goarch:state (base64 JSON of the incidents, elided here) -->');
  mkdirSync('docs/examples', { recursive: true });
  writeFileSync('docs/examples/pr-comment.md', shown);
}

const backends: [string, () => { env: Record<string, string>; prefix?: string }][] = [['memory', () => ({ env: {} })]];
if (redis !== null) backends.push(['redis', () => ({ env: { REDIS_URL: (redis as TestRedis).url }, prefix: (redis as TestRedis).uniquePrefix() })]);

describe.each(backends)('GitHub App (store and queue: %s)', (_name, backend) => {
  let server: AppServer;
  let r: Repo;
  let api: nock.Scope;
  let blob: nock.Scope;
  let calls: string[];
  let posted: Posted;
  let prefix: string | undefined;

  beforeEach(async () => {
    const b = backend();
    prefix = b.prefix;
    server = await startAppServer(b.env, b.prefix);
    r = uniqueRepo();
    api = nock(API);
    blob = nock(BLOB);
    calls = [];
    track(calls, api, blob);
    posted = { created: [], edits: [] };
  });
  afterEach(async () => {
    await server.close();
    // Every expected GitHub call was made (scope.done() for all scopes).
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
    if (prefix !== undefined) await redis?.cleanup(prefix);
  });

  const done = (msg: string, count = 1) => waitFor(() => server.logs.filter((l) => l.msg === msg).length >= count, `${count} × "${msg}"`);
  const repoPath = () => `/repos/${r.owner}/${r.repo}`;

  it('comments once on the pull request for a failed run, and a redelivery of the same delivery does nothing', async () => {
    mockAuthAndConfig(api, r);
    mockRun(api, blob, r, 501, 7001, FIXTURE.cgo);
    mockComments(api, r, 2, posted);
    const payload = workflowRunPayload(r, { conclusion: 'failure', runId: 501, pullRequests: [2] });
    const delivery = randomUUID();
    expect(await deliver(server, 'workflow_run', payload, delivery)).toBe(200);
    await done('workflow run diagnosed');
    expect(await deliver(server, 'workflow_run', payload, delivery)).toBe(200);
    await done('webhook redelivered: already handled');
    // The same signed body replayed under a new delivery id (issue 13, Low): the run attempt is already handled.
    expect(await deliver(server, 'workflow_run', payload, randomUUID())).toBe(200);
    await done('webhook replayed under a new delivery id: this run attempt is already handled');
    expect(calls).toEqual([
      `POST /app/installations/${r.installationId}/access_tokens`,
      `GET ${repoPath()}/contents/.github/goarch.yml`,
      `GET /repos/${r.owner}/.github/contents/.github/goarch.yml`,
      `GET ${repoPath()}/actions/runs/501/jobs`,
      `GET ${repoPath()}/actions/jobs/7001/logs`,
      'GET /actions-results/7001/logs/job.txt',
      `GET ${repoPath()}/issues/2/comments`,
      `POST ${repoPath()}/issues/2/comments`,
    ]);
    expect(api.isDone() && blob.isDone()).toBe(true);
    expect(posted.created).toHaveLength(1);
    const body = posted.created[0]?.body ?? '';
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toContain('`cgo-cross-linker`');
    expect(body).toContain('Seen **once**');
    expect(body).toContain(`https://github.com/${r.owner}/${r.repo}/actions/runs/501/job/7001#step:4:1`);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('goarch_incidents_total{class="cgo-cross-linker"} 1');
    expect(metrics).toMatch(/goarch_log_bytes_scanned_total \d+/);
  });

  it('edits the same comment when a second run fails with the same incident, with the count', async () => {
    mockAuthAndConfig(api, r);
    mockRun(api, blob, r, 601, 7101, FIXTURE.cgo);
    mockComments(api, r, 2, posted);
    expect(await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 601, pullRequests: [2] }))).toBe(200);
    await done('workflow run diagnosed');
    // Second run: config again (token cached), the log, then the comment is edited in place.
    api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).reply(404, {});
    api.get((path) => CONFIG.test(path) && path.startsWith(`/repos/${r.owner}/.github/`)).reply(404, {});
    mockRun(api, blob, r, 602, 7201, FIXTURE.cgo);
    mockEdit(api, r, posted);
    expect(await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 602, pullRequests: [2] }))).toBe(200);
    await done('workflow run diagnosed', 2);
    expect(calls.slice(8)).toEqual([
      `GET ${repoPath()}/contents/.github/goarch.yml`,
      `GET /repos/${r.owner}/.github/contents/.github/goarch.yml`,
      `GET ${repoPath()}/actions/runs/602/jobs`,
      `GET ${repoPath()}/actions/jobs/7201/logs`,
      'GET /actions-results/7201/logs/job.txt',
      `GET ${repoPath()}/issues/comments/9001`,
      `PATCH ${repoPath()}/issues/comments/9001`,
    ]);
    expect(api.isDone() && blob.isDone()).toBe(true);
    expect(posted.created).toHaveLength(1);
    expect(posted.edits).toHaveLength(1);
    expect(posted.edits[0]?.body).toContain('Seen **2 times**');
    expect(posted.edits[0]?.body).toContain('/actions/runs/602');
    // `GOARCH_WRITE_EXAMPLES=1 npx vitest run test/github` refreshes the README's example from this real comment.
    if (process.env.GOARCH_WRITE_EXAMPLES === '1' && _name === 'memory') writeExample(posted.edits[0]?.body ?? '', r);
  });

  it('posts one comment for six failing runs of the same incident arriving at once, then shows the count', async () => {
    api.post(`/app/installations/${r.installationId}/access_tokens`).times(6).optionally().reply(201, TOKEN_REPLY);
    api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).times(6).reply(404, {});
    api.get((path) => CONFIG.test(path) && path.startsWith(`/repos/${r.owner}/.github/`)).times(6).reply(404, {});
    for (let i = 0; i < 6; i++) mockRun(api, blob, r, 700 + i, 7300 + i * 10, FIXTURE.cgo);
    api.get(`${repoPath()}/issues/2/comments`).query(true).reply(200, []);
    api.post(`${repoPath()}/issues/2/comments`).reply(201, (_uri, body) => {
      const text = (body as { body: string }).body;
      posted.created.push({ pr: 2, body: text });
      return { id: 9001, body: text, html_url: 'https://github.com/c/9001' };
    });
    const current = () => posted.edits.at(-1)?.body ?? posted.created.at(-1)?.body ?? '';
    api.get(`${repoPath()}/issues/comments/9001`).times(30).optionally().reply(200, () => ({ id: 9001, body: current(), ...BY_THIS_APP, html_url: 'https://github.com/c/9001' }));
    api.patch(`${repoPath()}/issues/comments/9001`).times(30).optionally().reply(200, (_uri, body) => {
      posted.edits.push({ id: 9001, body: (body as { body: string }).body });
      return { id: 9001 };
    });
    const statuses = await Promise.all(Array.from({ length: 6 }, (_, i) => deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 700 + i, pullRequests: [2] }))));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    await done('workflow run diagnosed', 6);
    expect(api.isDone() && blob.isDone()).toBe(true);
    expect(calls.filter((c) => c.startsWith('POST') && c.includes('/comments'))).toEqual([`POST ${repoPath()}/issues/2/comments`]);
    expect(calls.filter((c) => c.includes('/actions/jobs/'))).toHaveLength(6);
    expect(calls.filter((c) => c.startsWith('GET /actions-results/'))).toHaveLength(6);
    expect(calls.filter((c) => c.startsWith('PATCH')).length).toBeGreaterThanOrEqual(5);
    expect(current()).toContain('Seen **6 times**');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('goarch_dedupe_hits_total 5');
  });

  it('marks the incident resolved when a later run of the same workflow on the pull request succeeds', async () => {
    mockAuthAndConfig(api, r);
    mockRun(api, blob, r, 801, 7401, FIXTURE.cgo);
    mockComments(api, r, 2, posted);
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 801, pullRequests: [2] }));
    await done('workflow run diagnosed');
    const first = posted.created[0]?.body ?? '';
    api.get(`${repoPath()}/issues/2/comments`).query(true).reply(200, [
      { id: 9000, body: `quoting ${MARKER}`, user: { login: 'octocat', type: 'User' }, html_url: 'https://github.com/c/9000' },
      { id: 9001, body: first, ...BY_THIS_APP, html_url: 'https://github.com/c/9001' },
    ]);
    api.patch(`${repoPath()}/issues/comments/9001`).reply(200, (_uri, body) => {
      posted.edits.push({ id: 9001, body: (body as { body: string }).body });
      return { id: 9001 };
    });
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'success', runId: 802, pullRequests: [2] }));
    await done('run succeeded: incidents resolved');
    expect(calls.slice(8)).toEqual([`GET ${repoPath()}/issues/2/comments`, `PATCH ${repoPath()}/issues/comments/9001`]);
    const resolved = posted.edits[0]?.body ?? '';
    expect(resolved).toContain('## goarch: resolved');
    expect(resolved).toContain('✅ Resolved: <code>cgo-cross-linker</code>');
    expect(resolved).toContain(`https://github.com/${r.owner}/${r.repo}/actions/runs/802`);
    // It breaks again: a new incident (seen once), shown in the same comment.
    api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).reply(404, {});
    api.get((path) => CONFIG.test(path) && path.startsWith(`/repos/${r.owner}/.github/`)).reply(404, {});
    mockRun(api, blob, r, 803, 7402, FIXTURE.cgo);
    api.get(`${repoPath()}/issues/2/comments`).query(true).reply(200, [{ id: 9001, body: resolved, ...BY_THIS_APP, html_url: 'https://github.com/c/9001' }]);
    api.patch(`${repoPath()}/issues/comments/9001`).reply(200, (_uri, body) => {
      posted.edits.push({ id: 9001, body: (body as { body: string }).body });
      return { id: 9001 };
    });
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 803, pullRequests: [2] }));
    await done('workflow run diagnosed', 2);
    expect(calls.slice(10)).toEqual([
      `GET ${repoPath()}/contents/.github/goarch.yml`,
      `GET /repos/${r.owner}/.github/contents/.github/goarch.yml`,
      `GET ${repoPath()}/actions/runs/803/jobs`,
      `GET ${repoPath()}/actions/jobs/7402/logs`,
      'GET /actions-results/7402/logs/job.txt',
      `GET ${repoPath()}/issues/2/comments`,
      `PATCH ${repoPath()}/issues/comments/9001`,
    ]);
    expect(posted.edits[1]?.body).toContain('Seen **once**');
    expect(posted.edits[1]?.body).not.toContain('Resolved');
  });

  it('says nothing when the run succeeds and goarch never commented', async () => {
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    api.get(`${repoPath()}/issues/3/comments`).query(true).reply(200, [{ id: 1, body: 'LGTM', html_url: 'https://github.com/c/1' }]);
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'success', runId: 803, pullRequests: [3] }));
    await done('run succeeded: incidents resolved');
    expect(calls).toEqual([`POST /app/installations/${r.installationId}/access_tokens`, `GET ${repoPath()}/issues/3/comments`]);
  });
});

describe('GitHub App', () => {
  let server: AppServer;
  let r: Repo;
  let api: nock.Scope;
  let blob: nock.Scope;
  let calls: string[];
  let posted: Posted;

  beforeEach(async () => {
    server = await startAppServer();
    r = uniqueRepo();
    api = nock(API);
    blob = nock(BLOB);
    calls = [];
    track(calls, api, blob);
    posted = { created: [], edits: [] };
  });
  afterEach(async () => {
    await server.close();
    // Every expected GitHub call was made (scope.done() for all scopes).
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });

  const done = (msg: string, count = 1) => waitFor(() => server.logs.filter((l) => l.msg === msg).length >= count, `${count} × "${msg}"`);
  const repoPath = () => `/repos/${r.owner}/${r.repo}`;

  it('says nothing for a failed run whose log shows no architecture problem', async () => {
    mockAuthAndConfig(api, r);
    mockRun(api, blob, r, 901, 7501, FIXTURE.negative);
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 901, pullRequests: [2] }));
    await done('workflow run diagnosed');
    expect(calls).toEqual([
      `POST /app/installations/${r.installationId}/access_tokens`,
      `GET ${repoPath()}/contents/.github/goarch.yml`,
      `GET /repos/${r.owner}/.github/contents/.github/goarch.yml`,
      `GET ${repoPath()}/actions/runs/901/jobs`,
      `GET ${repoPath()}/actions/jobs/7501/logs`,
      'GET /actions-results/7501/logs/job.txt',
    ]);
    expect(api.isDone() && blob.isDone()).toBe(true);
  });

  it('still comments when the log endpoint answers 500 once, then 200', async () => {
    mockAuthAndConfig(api, r);
    api.get(`${repoPath()}/actions/runs/902/jobs`).query(true).reply(200, { total_count: 1, jobs: [{ id: 7601, name: 'build', conclusion: 'failure', html_url: `https://github.com/${r.owner}/${r.repo}/actions/runs/902/job/7601`, steps: [] }] });
    api.get(`${repoPath()}/actions/jobs/7601/logs`).reply(500, { message: 'Server Error' });
    api.get(`${repoPath()}/actions/jobs/7601/logs`).reply(302, '', { location: `${BLOB}/actions-results/7601/logs/job.txt?sig=abc` });
    blob.get('/actions-results/7601/logs/job.txt').query(true).reply(200, fixtureBody(FIXTURE.exec));
    mockComments(api, r, 2, posted);
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 902, pullRequests: [2] }));
    await done('workflow run diagnosed');
    expect(calls).toEqual([
      `POST /app/installations/${r.installationId}/access_tokens`,
      `GET ${repoPath()}/contents/.github/goarch.yml`,
      `GET /repos/${r.owner}/.github/contents/.github/goarch.yml`,
      `GET ${repoPath()}/actions/runs/902/jobs`,
      `GET ${repoPath()}/actions/jobs/7601/logs`,
      `GET ${repoPath()}/actions/jobs/7601/logs`,
      'GET /actions-results/7601/logs/job.txt',
      `GET ${repoPath()}/issues/2/comments`,
      `POST ${repoPath()}/issues/2/comments`,
    ]);
    expect(posted.created[0]?.body).toContain('`exec-format-error`');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('goarch_github_api_errors_total{status="500"} 1');
  });

  it('comments that the log is no longer available when the log endpoint answers 410', async () => {
    mockAuthAndConfig(api, r);
    api.get(`${repoPath()}/actions/runs/903/jobs`).query(true).reply(200, { total_count: 1, jobs: [{ id: 7701, name: 'build', conclusion: 'failure', html_url: `https://github.com/${r.owner}/${r.repo}/actions/runs/903/job/7701`, steps: [] }] });
    api.get(`${repoPath()}/actions/jobs/7701/logs`).reply(410, { message: 'Gone' });
    mockComments(api, r, 2, posted);
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 903, pullRequests: [2] }));
    await done('workflow run diagnosed');
    expect(calls.slice(-3)).toEqual([`GET ${repoPath()}/actions/jobs/7701/logs`, `GET ${repoPath()}/issues/2/comments`, `POST ${repoPath()}/issues/2/comments`]);
    expect(api.isDone()).toBe(true);
    expect(posted.created[0]?.body).toContain('the log is no longer available');
  });

  it("comments on a fork's pull request, found by the run's head branch and commit (the event lists none), and resolves it the same way", async () => {
    mockAuthAndConfig(api, r);
    mockRun(api, blob, r, 906, 7901, FIXTURE.cgo);
    api
      .get(`${repoPath()}/pulls`)
      .query({ state: 'open', head: 'contributor:patch-1', per_page: '10' })
      .reply(200, [
        { number: 5, head: { sha: 'forkhead1' } },
        { number: 6, head: { sha: 'an-older-commit' } },
      ]);
    mockComments(api, r, 5, posted);
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 906, pullRequests: [], headSha: 'forkhead1', fork: { owner: 'contributor', branch: 'patch-1' } }));
    await done('workflow run diagnosed');
    expect(posted.created.map((c) => c.pr)).toEqual([5]);
    expect(posted.created[0]?.body).toContain(MARKER);
    // The fork's next commit passes: its run lists no pull request either, and still resolves the comment.
    api
      .get(`${repoPath()}/pulls`)
      .query({ state: 'open', head: 'contributor:patch-1', per_page: '10' })
      .reply(200, [{ number: 5, head: { sha: 'forkhead2' } }]);
    api.get(`${repoPath()}/issues/5/comments`).query(true).reply(200, [{ id: 9001, body: posted.created[0]?.body ?? '', ...BY_THIS_APP, html_url: 'https://github.com/c/9001' }]);
    api.patch(`${repoPath()}/issues/comments/9001`).reply(200, (_uri, body) => {
      posted.edits.push({ id: 9001, body: (body as { body: string }).body });
      return { id: 9001 };
    });
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'success', runId: 907, pullRequests: [], headSha: 'forkhead2', fork: { owner: 'contributor', branch: 'patch-1' } }));
    await done('run succeeded: incidents resolved');
    expect(posted.edits[0]?.body).toContain('## goarch: resolved');
  });

  it('creates a check run named goarch on the head commit for a push (no pull request)', async () => {
    mockAuthAndConfig(api, r);
    mockRun(api, blob, r, 904, 7801, FIXTURE.cgo);
    const checks: Record<string, unknown>[] = [];
    api.post(`${repoPath()}/check-runs`).reply(201, (_uri, body) => {
      checks.push(body as Record<string, unknown>);
      return { id: 31, html_url: 'https://github.com/checks/31' };
    });
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 904, pullRequests: [], headSha: 'abc123' }));
    await done('workflow run diagnosed');
    expect(calls.slice(-1)).toEqual([`POST ${repoPath()}/check-runs`]);
    expect(api.isDone() && blob.isDone()).toBe(true);
    expect(checks[0]).toMatchObject({ name: 'goarch', head_sha: 'abc123', status: 'completed', conclusion: 'neutral', output: { title: 'cgo-cross-linker' } });
    expect((checks[0]?.output as { summary: string }).summary).toContain('Seen **once**');
    expect((checks[0]?.output as { summary: string }).summary).not.toContain(MARKER);
  });

  it('reports an invalid .github/goarch.yml as a check run that names the key, and diagnoses nothing', async () => {
    mockAuthAndConfig(api, r, 'output: pr-comment\n');
    const checks: Record<string, unknown>[] = [];
    api.post(`${repoPath()}/check-runs`).reply(201, (_uri, body) => {
      checks.push(body as Record<string, unknown>);
      return { id: 32, html_url: 'https://github.com/checks/32' };
    });
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 905, pullRequests: [2] }));
    await done('repository config invalid: reported as a check run');
    expect(calls).toEqual([`POST /app/installations/${r.installationId}/access_tokens`, `GET ${repoPath()}/contents/.github/goarch.yml`, `POST ${repoPath()}/check-runs`]);
    expect(checks[0]).toMatchObject({ name: 'goarch', conclusion: 'neutral', output: { title: 'Invalid .github/goarch.yml: output' } });
    expect((checks[0]?.output as { summary: string }).summary).toContain('`output`');
  });

  it('honours the repository config: maxLogBytes truncates and the comment says so', async () => {
    mockAuthAndConfig(api, r, 'output: comment\nmaxLogBytes: 1KB\n');
    // A real log whose incident is in its first KB, followed by 2000 lines more.
    const log = `${readFileSync(FIXTURE.exec, 'utf8')}\n${'go: downloading example.com/module v1.0.0\n'.repeat(2000)}`;
    expect(log.toLowerCase().indexOf('exec format error')).toBeLessThan(1024);
    mockRun(api, blob, r, 906, 7901, FIXTURE.exec, log);
    mockComments(api, r, 2, posted);
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 906, pullRequests: [2] }));
    await done('workflow run diagnosed');
    expect(calls.slice(-2)).toEqual([`GET ${repoPath()}/issues/2/comments`, `POST ${repoPath()}/issues/2/comments`]);
    expect(posted.created[0]?.body).toContain('The log was longer than 1024 bytes');
  });

  it('diagnoses a failed check run of another app from its output', async () => {
    mockAuthAndConfig(api, r);
    mockComments(api, r, 2, posted);
    const text = readFileSync(FIXTURE.exec, 'utf8');
    await deliver(server, 'check_run', checkRunPayload(r, text));
    await done('check run diagnosed');
    expect(calls).toEqual([
      `POST /app/installations/${r.installationId}/access_tokens`,
      `GET ${repoPath()}/contents/.github/goarch.yml`,
      `GET /repos/${r.owner}/.github/contents/.github/goarch.yml`,
      `GET ${repoPath()}/issues/2/comments`,
      `POST ${repoPath()}/issues/2/comments`,
    ]);
    expect(posted.created[0]?.body).toContain('`exec-format-error`');
    expect(posted.created[0]?.body).toContain('workflow _buildkite/arm64_');
  });

  it('ignores GitHub Actions check runs (the workflow_run event covers them)', async () => {
    const payload = checkRunPayload(r, 'exec format error');
    (payload.check_run as { app: { slug: string } }).app.slug = 'github-actions';
    expect(await deliver(server, 'check_run', payload)).toBe(200);
    await done('webhook ignored');
    expect(calls).toEqual([]);
  });

  it('answers /goarch help on a pull request', async () => {
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    api.post(`${repoPath()}/issues/5/comments`).reply(201, (_uri, body) => {
      posted.created.push({ pr: 5, body: (body as { body: string }).body });
      return { id: 1, html_url: 'https://github.com/c/1' };
    });
    await deliver(server, 'issue_comment', issueCommentPayload(r, '/goarch help', 5));
    await done('help posted');
    expect(calls).toEqual([`POST /app/installations/${r.installationId}/access_tokens`, `POST ${repoPath()}/issues/5/comments`]);
    expect(posted.created[0]?.body).toContain('`/goarch diagnose`');
  });

  it('re-diagnoses the latest failed run of the pull request on /goarch diagnose', async () => {
    mockAuthAndConfig(api, r);
    api.get(`${repoPath()}/pulls/4`).reply(200, { number: 4, head: { sha: 'feedbeef', ref: 'topic' } });
    api.get(`${repoPath()}/actions/runs`).query({ head_sha: 'feedbeef', status: 'failure', per_page: '1' }).reply(200, { total_count: 1, workflow_runs: [{ id: 990, name: 'CI', workflow_id: 2823525, path: '.github/workflows/ci.yml', html_url: `https://github.com/${r.owner}/${r.repo}/actions/runs/990` }] });
    mockRun(api, blob, r, 990, 8001, FIXTURE.cgo);
    mockComments(api, r, 4, posted);
    await deliver(server, 'issue_comment', issueCommentPayload(r, '/goarch diagnose', 4));
    await done('workflow run diagnosed');
    expect(calls).toEqual([
      `POST /app/installations/${r.installationId}/access_tokens`,
      `GET ${repoPath()}/pulls/4`,
      `GET ${repoPath()}/actions/runs`,
      `GET ${repoPath()}/contents/.github/goarch.yml`,
      `GET /repos/${r.owner}/.github/contents/.github/goarch.yml`,
      `GET ${repoPath()}/actions/runs/990/jobs`,
      `GET ${repoPath()}/actions/jobs/8001/logs`,
      'GET /actions-results/8001/logs/job.txt',
      `GET ${repoPath()}/issues/4/comments`,
      `POST ${repoPath()}/issues/4/comments`,
    ]);
    expect(posted.created[0]?.body).toContain('`cgo-cross-linker`');
  });

  it('sends every call to GHE_HOST, log downloads included', async () => {
    await server.close();
    server = await startAppServer({ GHE_HOST: 'ghe.example.com' });
    const ghe = nock('https://ghe.example.com');
    track(calls, ghe);
    ghe.post(`/api/v3/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    ghe.get((path) => CONFIG.test(path)).times(2).reply(404, {});
    ghe.get(`/api/v3${repoPath()}/actions/runs/991/jobs`).query(true).reply(200, { total_count: 1, jobs: [{ id: 8101, name: 'build', conclusion: 'failure', html_url: `https://ghe.example.com/${r.owner}/${r.repo}/actions/runs/991/job/8101`, steps: [] }] });
    ghe.get(`/api/v3${repoPath()}/actions/jobs/8101/logs`).reply(302, '', { location: 'https://ghe.example.com/storage/logs/8101.txt' });
    ghe.get('/storage/logs/8101.txt').reply(200, fixtureBody(FIXTURE.cgo));
    ghe.get(`/api/v3${repoPath()}/issues/2/comments`).query(true).reply(200, []);
    ghe.post(`/api/v3${repoPath()}/issues/2/comments`).reply(201, { id: 1, html_url: 'https://ghe.example.com/c/1' });
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 991, pullRequests: [2] }));
    await done('workflow run diagnosed');
    expect(ghe.isDone()).toBe(true);
    expect(calls).toHaveLength(8);
  });
});
