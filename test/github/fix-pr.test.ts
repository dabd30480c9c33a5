import { readFileSync } from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { diagnoseText } from '../../src/core/diagnose/diagnose-log.js';
import { loadRuleSet } from '../../src/service/load-rule-set.js';
import { readFixPrState } from '../../src/service/render-fix-pr-body.js';
import { renderPrComment } from '../../src/service/render-pr-comment.js';
import type { AppServer } from './github-test-kit.js';
import { API, BLOB, BY_THIS_APP, SEAL, TOKEN_REPLY, deliver, fixtureBody, issueCommentPayload, startAppServer, track, uniqueRepo, waitFor, workflowRunPayload } from './github-test-kit.js';

/** A real log and the workflow it fails in (the run's `.github/workflows/ci.yml`): an arm64 test binary run on an amd64 runner. */
const LOG = 'fixtures/logs/lab/exec-arm64-go-test.log';
const WORKFLOW = readFileSync('fixtures/workflows/native-runner-matrix.yml', 'utf8');
/** A real log whose incident (cgo cross-linking) this workflow gives no safe edit for. */
const NO_EDIT_LOG = 'fixtures/logs/public/cgo-cross-linker/gdu-pi5-marm.log';
const CONFIG = /\/contents\/\.github(%2F|\/)goarch\.yml/;
const WORKFLOW_PATH = '.github/workflows/ci.yml';
const FINGERPRINT = diagnoseText(readFileSync(LOG, 'utf8'), loadRuleSet()).incidents[0]?.fingerprint ?? '';
const BRANCH = `goarch/fix-${FINGERPRINT.slice(0, 8)}`;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => {
  nock.enableNetConnect();
});

type Repo = ReturnType<typeof uniqueRepo>;

/** Matches a decoded path (Octokit encodes the slashes of `{path}` and `{ref}`). */
const at = (path: string) => (uri: string) => decodeURIComponent(uri.split('?')[0] ?? '') === path;

describe('fix pull requests', () => {
  let server: AppServer;
  let r: Repo;
  let api: nock.Scope;
  let blob: nock.Scope;
  let calls: string[];
  let bodies: Record<string, unknown>[];

  beforeEach(async () => {
    server = await startAppServer();
    r = uniqueRepo();
    api = nock(API);
    blob = nock(BLOB);
    calls = [];
    bodies = [];
    track(calls, api, blob);
  });
  afterEach(async () => {
    await server.close();
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
    // Never a write to the default branch, nor to any branch outside goarch/fix-.
    const refWrites = calls.filter((c) => !c.startsWith('GET') && (c.includes('/git/refs') || c.includes('/contents/') || c.includes('/merges')));
    expect(refWrites.filter((c) => c !== `POST ${repoPath()}/git/refs` && c !== `PATCH ${repoPath()}/git/refs/heads/${BRANCH}`)).toEqual([]);
    expect(bodies.filter((b) => 'ref' in b && b.ref !== `refs/heads/${BRANCH}`)).toEqual([]);
  });

  const repoPath = () => `/repos/${r.owner}/${r.repo}`;
  const done = (msg: string, count = 1) => waitFor(() => server.logs.filter((l) => l.msg === msg).length >= count, `${count} × "${msg}"`);
  const keep = (reply: Record<string, unknown>) => (_uri: string, body: nock.Body) => {
    bodies.push(body as Record<string, unknown>);
    return reply;
  };

  function mockRun(runId: number, jobId: number, log: string): void {
    api.get(`${repoPath()}/actions/runs/${runId}/jobs`).query(true).reply(200, {
      total_count: 1,
      jobs: [{ id: jobId, name: 'test (arm64)', conclusion: 'failure', html_url: `https://github.com/${r.owner}/${r.repo}/actions/runs/${runId}/job/${jobId}`, steps: [{ number: 4, conclusion: 'failure' }] }],
    });
    api.get(`${repoPath()}/actions/jobs/${jobId}/logs`).reply(302, '', { location: `${BLOB}/actions-results/${jobId}/logs/job.txt?sig=abc` });
    blob.get(`/actions-results/${jobId}/logs/job.txt`).query({ sig: 'abc' }).reply(200, fixtureBody(log), { 'content-type': 'text/plain' });
  }

  /** The default branch `main` at `base-sha`, and the workflow file at it. */
  function mockDefaultBranch(workflow = WORKFLOW): void {
    api.get(repoPath()).reply(200, { default_branch: 'main', full_name: `${r.owner}/${r.repo}` });
    api.get(`${repoPath()}/branches/main`).reply(200, { name: 'main', commit: { sha: 'base-sha', commit: { tree: { sha: 'base-tree' } } } });
    api.get(at(`${repoPath()}/contents/${WORKFLOW_PATH}`)).query({ ref: 'base-sha' }).reply(200, workflow, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
  }

  function mockCommit(): void {
    api.post(`${repoPath()}/git/trees`).reply(201, keep({ sha: 'fix-tree' }));
    api.post(`${repoPath()}/git/commits`).reply(201, keep({ sha: 'fix-commit' }));
  }

  it('autofix: true → the diagnosis says a fix PR is proposed, then one branch, one commit and one pull request', async () => {
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).reply(200, 'autofix: true\n', { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    mockRun(501, 7001, LOG);
    api.get(at(`${repoPath()}/contents/${WORKFLOW_PATH}`)).reply(200, WORKFLOW, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    api.get(`${repoPath()}/issues/2/comments`).query(true).reply(200, []);
    api.post(`${repoPath()}/issues/2/comments`).reply(201, keep({ id: 9001, html_url: 'https://github.com/c/9001' }));
    mockDefaultBranch();
    api.get(`${repoPath()}/pulls`).query({ head: `${r.owner}:${BRANCH}`, state: 'all', per_page: '20' }).reply(200, []);
    api.get((uri) => decodeURIComponent(uri) === `${repoPath()}/git/ref/heads/${BRANCH}`).reply(404, { message: 'Not Found' });
    mockCommit();
    api.post(`${repoPath()}/git/refs`).reply(201, keep({ ref: `refs/heads/${BRANCH}` }));
    api.post(`${repoPath()}/pulls`).reply(201, keep({ number: 12, html_url: `https://github.com/${r.owner}/${r.repo}/pull/12` }));

    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 501, pullRequests: [2] }));
    await done('autofix: fix pull request done');
    expect(calls).toEqual([
      `POST /app/installations/${r.installationId}/access_tokens`,
      `GET ${repoPath()}/contents/.github/goarch.yml`,
      `GET ${repoPath()}/actions/runs/501/jobs`,
      `GET ${repoPath()}/actions/jobs/7001/logs`,
      'GET /actions-results/7001/logs/job.txt',
      `GET ${repoPath()}/contents/${WORKFLOW_PATH}`,
      `GET ${repoPath()}/issues/2/comments`,
      `POST ${repoPath()}/issues/2/comments`,
      `GET ${repoPath()}`,
      `GET ${repoPath()}/branches/main`,
      `GET ${repoPath()}/contents/${WORKFLOW_PATH}`,
      `GET ${repoPath()}/pulls`,
      `GET ${repoPath()}/git/ref/heads/${BRANCH}`,
      `POST ${repoPath()}/git/trees`,
      `POST ${repoPath()}/git/commits`,
      `POST ${repoPath()}/git/refs`,
      `POST ${repoPath()}/pulls`,
    ]);
    const [comment, tree, commit, ref, pr] = bodies as [{ body: string }, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, { title: string; body: string; head: string; base: string }];
    expect(comment.body).toContain(`**Fix pull request:** goarch proposes the workflow edit (\`run-on-native-runner\`) as a pull request from branch \`${BRANCH}\`.`);
    expect(comment.body).toContain("<details><summary>The workflow edit</summary>\n\n```diff\n--- a/.github/workflows/ci.yml\n+++ b/.github/workflows/ci.yml\n");
    expect(tree).toEqual({ base_tree: 'base-tree', tree: [{ path: WORKFLOW_PATH, mode: '100644', type: 'blob', content: expect.stringContaining("runs-on: ${{ matrix.goarch == 'arm64' && 'ubuntu-24.04-arm' || 'ubuntu-24.04' }}") }] });
    expect(commit).toMatchObject({ tree: 'fix-tree', parents: ['base-sha'], message: expect.stringMatching(/^ci: fix exec-format-error in \.github\/workflows\/ci\.yml\n\n/) });
    expect(ref).toEqual({ ref: `refs/heads/${BRANCH}`, sha: 'fix-commit' });
    expect(pr).toMatchObject({ title: 'ci: fix exec-format-error in .github/workflows/ci.yml', head: BRANCH, base: 'main' });
    expect(pr.body).toContain('```diff\n--- a/.github/workflows/ci.yml\n+++ b/.github/workflows/ci.yml\n');
    expect(pr.body).toContain('because this repository sets `autofix: true`');
    expect(readFixPrState(pr.body)).toMatchObject({ fingerprint: FINGERPRINT, base: 'base-sha', head: 'fix-commit' });
    // `GOARCH_WRITE_EXAMPLES=1 npx vitest run test/github/fix-pr.test.ts` refreshes the README's example from this real pull request.
    if (process.env.GOARCH_WRITE_EXAMPLES === '1') writeExample(pr, r);
  });

  it('an open fix PR for the same fingerprint: the branch is force-moved to one fresh commit and the PR edited, no second PR', async () => {
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).reply(200, 'autofix: true\n', { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    mockRun(502, 7002, LOG);
    api.get(at(`${repoPath()}/contents/${WORKFLOW_PATH}`)).reply(200, WORKFLOW, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    api.get(`${repoPath()}/issues/2/comments`).query(true).reply(200, []);
    api.post(`${repoPath()}/issues/2/comments`).reply(201, keep({ id: 9001, html_url: 'https://github.com/c/9001' }));
    mockDefaultBranch();
    // goarch pushed `old-commit` on `old-base`; main has moved on since.
    const state = JSON.stringify({ fingerprint: FINGERPRINT, base: 'old-base', head: 'old-commit', content: '0000000000000000' });
    api.get(`${repoPath()}/pulls`).query(true).reply(200, [{ number: 11, html_url: `https://github.com/${r.owner}/${r.repo}/pull/11`, state: 'open', merged_at: null, head: { sha: 'old-commit' }, body: `<!-- goarch:fix -->\nold\n<!-- goarch:fix-state ${state} -->` }]);
    mockCommit();
    api.patch(at(`${repoPath()}/git/refs/heads/${BRANCH}`)).reply(200, keep({ ref: `refs/heads/${BRANCH}` }));
    api.patch(`${repoPath()}/pulls/11`).reply(200, keep({ number: 11 }));

    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 502, pullRequests: [2] }));
    await done('autofix: fix pull request done');
    expect(calls.slice(8)).toEqual([
      `GET ${repoPath()}`,
      `GET ${repoPath()}/branches/main`,
      `GET ${repoPath()}/contents/${WORKFLOW_PATH}`,
      `GET ${repoPath()}/pulls`,
      `POST ${repoPath()}/git/trees`,
      `POST ${repoPath()}/git/commits`,
      `PATCH ${repoPath()}/git/refs/heads/${BRANCH}`,
      `PATCH ${repoPath()}/pulls/11`,
    ]);
    expect(calls.filter((c) => c === `POST ${repoPath()}/pulls`)).toEqual([]);
    expect(bodies[2]).toMatchObject({ parents: ['base-sha'] });
    expect(bodies[3]).toEqual({ sha: 'fix-commit', force: true });
    expect(readFixPrState((bodies[4] as { body: string }).body)).toMatchObject({ base: 'base-sha', head: 'fix-commit' });
    expect(server.logs.find((l) => l.msg === 'autofix: fix pull request done')).toMatchObject({ status: 'updated', pullRequest: 11 });
  });

  it('no safe edit → no fix job and no PR; the diagnosis comment says why', async () => {
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).reply(200, 'autofix: true\n', { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    mockRun(503, 7003, NO_EDIT_LOG);
    api.get(at(`${repoPath()}/contents/${WORKFLOW_PATH}`)).reply(200, WORKFLOW, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    api.get(`${repoPath()}/issues/2/comments`).query(true).reply(200, []);
    api.post(`${repoPath()}/issues/2/comments`).reply(201, keep({ id: 9001, html_url: 'https://github.com/c/9001' }));

    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 503, pullRequests: [2] }));
    await done('workflow run diagnosed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls.at(-1)).toBe(`POST ${repoPath()}/issues/2/comments`);
    expect(calls.filter((c) => c.includes('/pulls') || c.includes('/git/'))).toEqual([]);
    expect(server.logs.filter((l) => l.msg === 'autofix: fix job enqueued')).toEqual([]);
    expect((bodies[0] as { body: string }).body).toMatch(/\*\*No fix pull request:\*\* cgo-cross-linker: install-cross-compiler: [^\n]+\./);
  });

  it('a 64 KiB step title against a workflow line full of expressions: /healthz answers within 2 s throughout (issue 13, hole 4)', async () => {
    // The attack of the issue: the run's own log (its author controls it) with a huge step title, and a workflow
    // line whose `${{ }}` expressions made the old matcher cubic in the title's length, on the event loop.
    const dir = mkdtempSync(join(tmpdir(), 'goarch-hostile-'));
    const hostileLog = join(dir, 'job.log');
    writeFileSync(hostileLog, readFileSync(LOG, 'utf8').replace('##[group]Run go test ./...', `##[group]Run go test ${'a '.repeat(32 * 1024)}`));
    const workflow = WORKFLOW.replace('      - name: Test\n', '      - name: go test a ${{ matrix.go }} a ${{ matrix.goarch }} a ${{ matrix.go }} a ${{ matrix.goarch }} b\n        run: go vet ./...\n      - name: Test\n');
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).reply(200, 'autofix: dry-run\n', { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    mockRun(509, 7009, hostileLog);
    api.get(at(`${repoPath()}/contents/${WORKFLOW_PATH}`)).reply(200, workflow, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    api.get(`${repoPath()}/issues/2/comments`).query(true).reply(200, []);
    api.post(`${repoPath()}/issues/2/comments`).reply(201, keep({ id: 9001, html_url: 'https://github.com/c/9001' }));

    const started = Date.now();
    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 509, pullRequests: [2] }));
    const latencies: number[] = [];
    while (!server.logs.some((l) => l.msg === 'workflow run diagnosed') && Date.now() - started < 15_000) {
      const t0 = Date.now();
      const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.text();
      latencies.push(Date.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await done('workflow run diagnosed');
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(2000);
    expect(bodies).toHaveLength(1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('autofix: dry-run → the diagnosis shows the edit goarch would propose; nothing is written', async () => {
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).reply(200, 'autofix: dry-run\n', { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    mockRun(505, 7005, LOG);
    api.get(at(`${repoPath()}/contents/${WORKFLOW_PATH}`)).reply(200, WORKFLOW, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    api.get(`${repoPath()}/issues/2/comments`).query(true).reply(200, []);
    api.post(`${repoPath()}/issues/2/comments`).reply(201, keep({ id: 9001, html_url: 'https://github.com/c/9001' }));

    await deliver(server, 'workflow_run', workflowRunPayload(r, { conclusion: 'failure', runId: 505, pullRequests: [2] }));
    await done('workflow run diagnosed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls.filter((c) => !c.startsWith('GET'))).toEqual([`POST /app/installations/${r.installationId}/access_tokens`, `POST ${repoPath()}/issues/2/comments`]);
    expect(server.logs.filter((l) => l.msg === 'autofix: fix job enqueued')).toEqual([]);
    const body = (bodies[0] as { body: string }).body;
    expect(body).toContain(`**Fix pull request (dry run):** goarch would open a pull request from branch \`${BRANCH}\` with this workflow edit (\`run-on-native-runner\`) once fix pull requests are on (\`autofix: true\` for the App, a \`fix-token\` for the Action).`);
    expect(body).toContain("-    runs-on: ubuntu-24.04\n+    runs-on: ${{ matrix.goarch == 'arm64' && 'ubuntu-24.04-arm' || 'ubuntu-24.04' }}\n");
  });

  it('/goarch fix from a user without write permission is refused with a comment that says why', async () => {
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    api.get(`${repoPath()}/collaborators/octocat/permission`).reply(200, { permission: 'read', role_name: 'triage', user: { login: 'octocat' } });
    api.post(`${repoPath()}/issues/4/comments`).reply(201, keep({ id: 1, html_url: 'https://github.com/c/1' }));
    await deliver(server, 'issue_comment', withSender(issueCommentPayload(r, '/goarch fix', 4), 'octocat'));
    await done('fix refused: no write permission');
    expect(calls).toEqual([`POST /app/installations/${r.installationId}/access_tokens`, `GET ${repoPath()}/collaborators/octocat/permission`, `POST ${repoPath()}/issues/4/comments`]);
    expect((bodies[0] as { body: string }).body).toBe(
      `@octocat goarch opens fix pull requests only when someone with write access to ${r.owner}/${r.repo} asks (your permission: read). Ask a maintainer to comment \`/goarch fix\`, or apply the fix commands from the diagnosis yourself.`,
    );
  });

  it('/goarch fix from a writer opens the PR for the incident of goarch\'s comment and replies with it', async () => {
    const diagnosis = diagnoseText(readFileSync(LOG, 'utf8'), loadRuleSet());
    const incident = diagnosis.incidents[0];
    if (incident === undefined) throw new Error('no incident');
    const existing = renderPrComment(
      {
        v: 1,
        entries: [{ fingerprint: incident.fingerprint, incident, workflow: { id: '2823525', name: 'CI' }, runId: 504, runUrl: `https://github.com/${r.owner}/${r.repo}/actions/runs/504`, jobs: [], count: 1, truncatedAt: null, resolved: null }],
        gone: null,
      },
      { embedState: true, seal: SEAL },
    );
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    api.get(`${repoPath()}/collaborators/hubot/permission`).reply(200, { permission: 'write', role_name: 'maintain' });
    api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).reply(404, {});
    api.get((path) => CONFIG.test(path) && path.startsWith(`/repos/${r.owner}/.github/`)).reply(404, {});
    api.get(`${repoPath()}/issues/4/comments`).query(true).reply(200, [{ id: 9001, body: existing, ...BY_THIS_APP, html_url: 'https://github.com/c/9001' }]);
    api.get(`${repoPath()}/actions/runs/504`).reply(200, { id: 504, path: WORKFLOW_PATH, name: 'CI' });
    mockRun(504, 5040, LOG);
    mockDefaultBranch();
    api.get(`${repoPath()}/pulls`).query(true).reply(200, []);
    api.get((uri) => decodeURIComponent(uri) === `${repoPath()}/git/ref/heads/${BRANCH}`).reply(404, { message: 'Not Found' });
    mockCommit();
    api.post(`${repoPath()}/git/refs`).reply(201, keep({ ref: `refs/heads/${BRANCH}` }));
    api.post(`${repoPath()}/pulls`).reply(201, keep({ number: 13, html_url: `https://github.com/${r.owner}/${r.repo}/pull/13` }));
    api.post(`${repoPath()}/issues/4/comments`).reply(201, keep({ id: 2, html_url: 'https://github.com/c/2' }));

    await deliver(server, 'issue_comment', withSender(issueCommentPayload(r, '/goarch fix', 4), 'hubot'));
    await done('fix pull request requested by comment');
    await waitFor(() => calls.length === 19, 'the reply');
    expect(calls).toEqual([
      `POST /app/installations/${r.installationId}/access_tokens`,
      `GET ${repoPath()}/collaborators/hubot/permission`,
      `GET ${repoPath()}/contents/.github/goarch.yml`,
      `GET /repos/${r.owner}/.github/contents/.github/goarch.yml`,
      `GET ${repoPath()}/issues/4/comments`,
      `GET ${repoPath()}/actions/runs/504`,
      // The incident is re-read from the run's logs, not taken from the comment.
      `GET ${repoPath()}/actions/runs/504/jobs`,
      `GET ${repoPath()}/actions/jobs/5040/logs`,
      `GET /actions-results/5040/logs/job.txt`,
      `GET ${repoPath()}`,
      `GET ${repoPath()}/branches/main`,
      `GET ${repoPath()}/contents/${WORKFLOW_PATH}`,
      `GET ${repoPath()}/pulls`,
      `GET ${repoPath()}/git/ref/heads/${BRANCH}`,
      `POST ${repoPath()}/git/trees`,
      `POST ${repoPath()}/git/commits`,
      `POST ${repoPath()}/git/refs`,
      `POST ${repoPath()}/pulls`,
      `POST ${repoPath()}/issues/4/comments`,
    ]);
    expect((bodies[3] as { body: string }).body).toContain('Requested by @hubot with `/goarch fix` on #4.');
    expect((bodies[4] as { body: string }).body).toBe(`@hubot asked for fix pull requests:\n\n- Opened #13 from \`${BRANCH}\` for \`exec-format-error\` (A Go program started a binary built for another architecture).\n`);
  });
  it('/goarch fix refuses to move a goarch/fix- branch whose head is a stranger\'s commit, and says so (issue 13, hole 5)', async () => {
    const incident = diagnoseText(readFileSync(LOG, 'utf8'), loadRuleSet()).incidents[0];
    if (incident === undefined) throw new Error('no incident');
    const existing = renderPrComment(
      {
        v: 1,
        entries: [{ fingerprint: incident.fingerprint, incident, workflow: { id: '2823525', name: 'CI' }, runId: 504, runUrl: `https://github.com/${r.owner}/${r.repo}/actions/runs/504`, jobs: [], count: 1, truncatedAt: null, resolved: null }],
        gone: null,
      },
      { embedState: true, seal: SEAL },
    );
    api.post(`/app/installations/${r.installationId}/access_tokens`).reply(201, TOKEN_REPLY);
    api.get(`${repoPath()}/collaborators/hubot/permission`).reply(200, { permission: 'write', role_name: 'maintain' });
    api.get((path) => CONFIG.test(path) && path.startsWith(`${repoPath()}/`)).reply(404, {});
    api.get((path) => CONFIG.test(path) && path.startsWith(`/repos/${r.owner}/.github/`)).reply(404, {});
    api.get(`${repoPath()}/issues/4/comments`).query(true).reply(200, [{ id: 9001, body: existing, ...BY_THIS_APP, html_url: 'https://github.com/c/9001' }]);
    api.get(`${repoPath()}/actions/runs/504`).reply(200, { id: 504, path: WORKFLOW_PATH, name: 'CI' });
    mockRun(504, 5040, LOG);
    mockDefaultBranch();
    // No pull request, but the branch exists: someone pushed it, with `on: push` workflows in mind.
    api.get(`${repoPath()}/pulls`).query(true).reply(200, []);
    api.get((uri) => decodeURIComponent(uri) === `${repoPath()}/git/ref/heads/${BRANCH}`).reply(200, { ref: `refs/heads/${BRANCH}`, object: { sha: 'f00dfacef00dfacef00dfacef00dfacef00dface', type: 'commit' } });
    api.post(`${repoPath()}/issues/4/comments`).reply(201, keep({ id: 2, html_url: 'https://github.com/c/2' }));

    await deliver(server, 'issue_comment', withSender(issueCommentPayload(r, '/goarch fix', 4), 'hubot'));
    await done('fix pull request requested by comment');
    await waitFor(() => bodies.length === 1, 'the reply');
    expect(calls.filter((c) => c.includes('/git/') && !c.startsWith('GET'))).toEqual([]);
    expect((bodies[0] as { body: string }).body).toContain("is not a commit goarch made; goarch leaves the branch alone");
  });
});

function withSender<T extends Record<string, unknown>>(payload: T, login: string): T {
  return { ...payload, sender: { ...(payload.sender as object), login, type: 'User' } };
}

/** docs/examples/fix-pr.md: the pull request as opened, with the test's repository renamed. */
function writeExample(pr: { title: string; body: string; head: string; base: string }, r: Repo): void {
  const body = pr.body.replaceAll(`${r.owner}/${r.repo}`, 'acme/gdu');
  const text = [
    '# Example: a fix pull request opened by goarch',
    '',
    `Produced by \`test/github/fix-pr.test.ts\` from the real log \`${LOG}\` (an arm64 \`go test\` binary run on an amd64 runner) and the workflow \`fixtures/workflows/native-runner-matrix.yml\`, served as \`${WORKFLOW_PATH}\`. Refresh with \`GOARCH_WRITE_EXAMPLES=1 npx vitest run test/github/fix-pr.test.ts\`.`,
    '',
    `**Title:** ${pr.title}  `,
    `**Branch:** \`${pr.head}\` → \`${pr.base}\` (one commit)`,
    '',
    '---',
    '',
    body,
  ].join('\n');
  mkdirSync('docs/examples', { recursive: true });
  writeFileSync('docs/examples/fix-pr.md', text);
}
