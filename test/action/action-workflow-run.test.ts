// The Action on `workflow_run`, end to end through its real entry point (node dist-action/index.js): a
// real workflow_run payload in GITHUB_EVENT_PATH, the fake GitHub on loopback as GITHUB_API_URL, a real
// lab log served as the failed job's log (302 to another origin, as GitHub does), the step summary and
// output files read back. One comment on a fork's pull request, edited on the next failure, resolved when green.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub } from '../support/fake-github-api.js';
import type { FakeGithub } from '../support/fake-github-api.js';
import { runActionProcess } from './action-process.js';

const OWNER = 'octo-org';
const REPO = 'octo-repo';
const WORKFLOW_TOKEN = 'ghs_workflowToken0000000000000000000000';
const FIX_TOKEN = 'github_pat_fixToken000000000000000000000';
const OTHER_TOKEN = 'ghp_someoneElse000000000000000000000000';
const LOG = 'fixtures/logs/lab/exec-arm64-go-test.log';
const WORKFLOW = readFileSync('fixtures/workflows/native-runner-matrix.yml', 'utf8');
const MARKER = '<!-- goarch:diagnosis -->';

/** The real `workflow_run.completed` example of @octokit/webhooks-examples, for a run of the fork `contributor/octo-repo`. */
function forkRunPayload(options: { runId: number; conclusion: 'failure' | 'success'; headSha: string; push?: boolean }) {
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as { name: string; examples: Record<string, unknown>[] }[];
  const example = examples.find((e) => e.name === 'workflow_run')?.examples.find((p) => p.action === 'completed' && (p.workflow_run as { pull_requests: unknown[] }).pull_requests.length > 0);
  if (example === undefined) throw new Error('no workflow_run.completed example');
  const payload = structuredClone(example) as Record<string, unknown> & { workflow_run: Record<string, unknown>; repository: Record<string, unknown> };
  expect(payload.repository.full_name).toBe(`${OWNER}/${REPO}`);
  const head = payload.workflow_run.head_repository as Record<string, unknown>;
  payload.workflow_run = {
    ...payload.workflow_run,
    id: options.runId,
    name: 'CI',
    path: '.github/workflows/ci.yml',
    conclusion: options.conclusion,
    event: 'pull_request',
    head_sha: options.headSha,
    head_branch: 'patch-1',
    html_url: `https://github.com/${OWNER}/${REPO}/actions/runs/${options.runId}`,
    // GitHub lists no pull request for a fork's run: the Action finds it by the fork's branch and head commit.
    pull_requests: [],
    head_repository: { ...head, full_name: `contributor/${REPO}`, name: REPO, owner: { ...(head.owner as object), login: 'contributor' } },
  };
  // A push to the repository itself: its own head, no pull request.
  if (options.push === true) payload.workflow_run = { ...payload.workflow_run, event: 'push', head_branch: 'main', head_repository: { ...head, full_name: `${OWNER}/${REPO}` } };
  return payload;
}

async function startFake(): Promise<FakeGithub> {
  const gh = await startFakeGithub({ owner: OWNER, repo: REPO, tokens: { [WORKFLOW_TOKEN]: 'github-actions[bot]', [FIX_TOKEN]: 'octo-maintainer', [OTHER_TOKEN]: 'mallory' }, workflowToken: WORKFLOW_TOKEN });
  gh.files.set('.github/workflows/ci.yml', WORKFLOW);
  gh.pulls.push({ number: 5, headOwner: 'contributor', headRef: 'patch-1', headSha: 'f0f0000000000000000000000000000000000001', state: 'open' });
  return gh;
}

describe('the Action on workflow_run, for a pull request from a fork', () => {
  let gh: FakeGithub;
  beforeAll(async () => {
    gh = await startFake();
  });
  afterAll(async () => {
    await gh.close();
  });

  it('posts one comment on the failed run, with the workflow patch as a diff, a summary, annotations and outputs', async () => {
    gh.setRun(9101, [
      { id: 91011, name: 'test (arm64)', conclusion: 'failure', log: LOG },
      { id: 91012, name: 'lint', conclusion: 'success' },
    ]);
    const run = await runActionProcess({ event: forkRunPayload({ runId: 9101, conclusion: 'failure', headSha: 'f0f0000000000000000000000000000000000001' }), apiUrl: gh.url, inputs: { token: WORKFLOW_TOKEN } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // One comment, by the workflow token's account, on the fork's pull request found by branch and head commit.
    expect(gh.comments).toHaveLength(1);
    const [comment] = gh.comments;
    expect(comment).toMatchObject({ issue: 5, login: 'github-actions[bot]' });
    expect(comment?.body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(comment?.body).toContain('exec-format-error');
    expect(comment?.body).toContain('Seen **once**');
    expect(comment?.body).toMatch(/<!-- goarch:state [A-Za-z0-9+/=]+ [0-9a-f]{64} -->\n?$/);
    // Without a fix token the patch is shown as a diff, and nothing is written to the repository.
    expect(comment?.body).toContain('```diff');
    expect(comment?.body).toContain('a `fix-token` for the Action');
    expect(comment?.body).toContain('runs-on');
    expect(gh.requests.filter((r) => r.method !== 'GET' && !/\/issues\/\d+\/comments$/.test(r.path))).toEqual([]);
    expect(gh.requests.some((r) => r.method === 'GET' && r.path === `/repos/${OWNER}/${REPO}/pulls` && r.query.get('head') === 'contributor:patch-1')).toBe(true);
    // The log came from the blob store without the token; every API call used the workflow token.
    expect(gh.blobRequests).toEqual([{ jobId: 91011, authorization: false }]);
    expect(new Set(gh.requests.map((r) => r.token))).toEqual(new Set([WORKFLOW_TOKEN]));
    // Outputs, summary, annotations.
    expect(run.outputs).toEqual({ verdict: 'architecture', class: 'exec-format-error', fingerprint: 'b256b728a02ab709', 'fix-command': 'sudo apt-get update\nsudo apt-get install -y qemu-user-static\nGOOS=linux GOARCH=arm64 go test -exec qemu-aarch64-static ./...' });
    expect(run.outputText).toMatch(/^verdict<<ghadelimiter_[0-9a-f-]{36}\n/);
    expect(run.summary).toContain('## goarch: 1 CPU-architecture problem');
    expect(run.summary).toContain('```diff');
    expect(run.summary).not.toContain('goarch:state');
    expect(run.stdout).toMatch(/^::error title=goarch%3A exec-format-error::.+line \d+ of test \(arm64\)'s log: /m);
    expect(run.stdout).toContain('goarch: run 9101 failed: 1 architecture problem (exec-format-error) in 1 job log(s)');
    expect(run.stdout).not.toContain(WORKFLOW_TOKEN);
  });

  it('edits that same comment on the next failure instead of posting a second one', async () => {
    const pull = gh.pulls[0];
    if (pull !== undefined) pull.headSha = 'f0f0000000000000000000000000000000000002';
    // A fork controls its workflow, so its job names: they reach the comment and the annotations escaped.
    gh.setRun(9102, [{ id: 91021, name: 'test <img src=x onerror=alert(1)> @octo-org/admins', conclusion: 'failure', log: LOG }]);
    const before = gh.comments[0]?.id;
    const run = await runActionProcess({ event: forkRunPayload({ runId: 9102, conclusion: 'failure', headSha: 'f0f0000000000000000000000000000000000002' }), apiUrl: gh.url, inputs: { token: WORKFLOW_TOKEN } });
    expect(run.code).toBe(0);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]?.id).toBe(before);
    expect(gh.comments[0]?.history).toHaveLength(2);
    expect(gh.requests.filter((r) => r.method === 'POST' && /\/issues\/\d+\/comments$/.test(r.path))).toHaveLength(1);
    const body = gh.comments[0]?.body ?? '';
    expect(body).toContain('/actions/runs/9102');
    // No store outlives a step: the count goes on from the comment's state.
    expect(body).toContain('Seen **2 times**');
    expect(body).not.toContain('<img');
    expect(body).not.toMatch(/@octo-org\/admins/);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::')).every((line) => /^::error title=goarch%3A [a-z-]+::/.test(line))).toBe(true);
    expect(run.outputs.verdict).toBe('architecture');
  });

  it('marks the comment resolved when the workflow goes green', async () => {
    const pull = gh.pulls[0];
    if (pull !== undefined) pull.headSha = 'f0f0000000000000000000000000000000000003';
    const run = await runActionProcess({ event: forkRunPayload({ runId: 9103, conclusion: 'success', headSha: 'f0f0000000000000000000000000000000000003' }), apiUrl: gh.url, inputs: { token: WORKFLOW_TOKEN } });
    expect(run.code).toBe(0);
    expect(gh.comments).toHaveLength(1);
    const body = gh.comments[0]?.body ?? '';
    expect(body).toContain('## goarch: resolved');
    expect(body).toContain('/actions/runs/9103');
    expect(run.outputs).toEqual({ verdict: 'resolved', class: '', fingerprint: '', 'fix-command': '' });
    expect(run.summary).toContain('### goarch: resolved');
    expect(run.stdout).toContain('goarch: run 9103 succeeded: 1 architecture problem resolved');
  });
});

describe('the Action on workflow_run: whose comment it is, pushes, fix pull requests', () => {
  it("leaves someone else's comment with goarch's marker and a forged state alone, and posts its own", async () => {
    const gh = await startFake();
    try {
      // Mallory (who can comment on a public pull request) writes the marker and a state line that would reopen incidents.
      const forged = Buffer.from(JSON.stringify({ v: 1, entries: [], gone: null })).toString('base64');
      await fetch(`${gh.url}/repos/${OWNER}/${REPO}/issues/5/comments`, { method: 'POST', headers: { authorization: `token ${OTHER_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ body: `${MARKER}\nhi\n<!-- goarch:state ${forged} ${'0'.repeat(64)} -->` }) });
      gh.setRun(9201, [{ id: 92011, name: 'test', conclusion: 'failure', log: LOG }]);
      const run = await runActionProcess({ event: forkRunPayload({ runId: 9201, conclusion: 'failure', headSha: 'f0f0000000000000000000000000000000000001' }), apiUrl: gh.url, inputs: { token: WORKFLOW_TOKEN, 'state-key': 'a-repository-secret' } });
      expect(run.code).toBe(0);
      expect(gh.comments.map((c) => c.login)).toEqual(['mallory', 'github-actions[bot]']);
      expect(gh.comments[0]?.history).toHaveLength(1);
    } finally {
      await gh.close();
    }
  });

  it("does not read state in its own author's comment that the seal does not vouch for", async () => {
    const gh = await startFake();
    try {
      // Another workflow of the repository posted, as github-actions[bot], goarch's marker and a state line with a made-up incident.
      const entry = { fingerprint: 'forged0000000000', incident: { class: 'exec-format-error', title: 'FORGED INCIDENT', fingerprint: 'forged0000000000', evidence: [], facts: {}, fix: { summary: 'x', commands: [] }, alternatives: [] }, workflow: { id: '16340987', name: 'CI' }, runId: 1, runUrl: null, jobs: [], count: 99, truncatedAt: null, resolved: null };
      const forged = Buffer.from(JSON.stringify({ v: 1, entries: [entry], gone: null })).toString('base64');
      await fetch(`${gh.url}/repos/${OWNER}/${REPO}/issues/5/comments`, { method: 'POST', headers: { authorization: `token ${WORKFLOW_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ body: `${MARKER}\nold\n<!-- goarch:state ${forged} ${'a'.repeat(64)} -->` }) });
      gh.setRun(9202, [{ id: 92021, name: 'test', conclusion: 'failure', log: LOG }]);
      const run = await runActionProcess({ event: forkRunPayload({ runId: 9202, conclusion: 'failure', headSha: 'f0f0000000000000000000000000000000000001' }), apiUrl: gh.url, inputs: { token: WORKFLOW_TOKEN, 'state-key': 'a-repository-secret' } });
      expect(run.code).toBe(0);
      expect(gh.comments).toHaveLength(1);
      expect(gh.comments[0]?.history).toHaveLength(2);
      expect(gh.comments[0]?.body).toContain('exec-format-error');
      expect(gh.comments[0]?.body).not.toContain('FORGED INCIDENT');
    } finally {
      await gh.close();
    }
  });

  it('reports a failed push (no pull request) as a goarch check run on the head commit', async () => {
    const gh = await startFake();
    try {
      gh.setRun(9401, [{ id: 94011, name: 'test', conclusion: 'failure', log: LOG }]);
      const run = await runActionProcess({ event: forkRunPayload({ runId: 9401, conclusion: 'failure', headSha: 'f0f0000000000000000000000000000000000009', push: true }), apiUrl: gh.url, inputs: { token: WORKFLOW_TOKEN } });
      expect(run.code).toBe(0);
      expect(gh.comments).toEqual([]);
      expect(gh.checkRuns).toEqual([expect.objectContaining({ name: 'goarch', headSha: 'f0f0000000000000000000000000000000000009', title: 'exec-format-error' })]);
      expect(gh.requests.some((r) => r.path.endsWith('/pulls'))).toBe(false);
      expect(run.outputs.verdict).toBe('architecture');
    } finally {
      await gh.close();
    }
  });

  it('opens the fix pull request with the fix token only, and comments with the workflow token', async () => {
    const gh = await startFake();
    try {
      gh.setRun(9301, [{ id: 93011, name: 'test (arm64)', conclusion: 'failure', log: LOG }]);
      const run = await runActionProcess({ event: forkRunPayload({ runId: 9301, conclusion: 'failure', headSha: 'f0f0000000000000000000000000000000000001' }), apiUrl: gh.url, inputs: { token: WORKFLOW_TOKEN, 'fix-token': FIX_TOKEN } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(gh.fixPulls).toHaveLength(1);
      expect(gh.fixPulls[0]).toMatchObject({ head: 'goarch/fix-b256b728', base: 'main', token: FIX_TOKEN });
      expect(gh.commits).toHaveLength(1);
      expect(gh.commits[0]).toMatchObject({ path: '.github/workflows/ci.yml', token: FIX_TOKEN });
      expect(gh.commits[0]?.content).not.toBe(WORKFLOW);
      expect(gh.comments.map((c) => c.login)).toEqual(['github-actions[bot]']);
      expect(gh.requests.filter((r) => r.method !== 'GET' && r.token === FIX_TOKEN).every((r) => !r.path.includes('/issues/'))).toBe(true);
      expect(run.summary).toMatch(/Fix pull request for `exec-format-error` \(b256b728a02ab709\): opened #\d+\./);
    } finally {
      await gh.close();
    }
  });

  it('still publishes the diagnosis when the fix token may not write workflows, and says so', async () => {
    const gh = await startFake();
    try {
      gh.setRun(9501, [{ id: 95011, name: 'test', conclusion: 'failure', log: LOG }]);
      // GITHUB_TOKEN given as fix-token: GitHub refuses it a commit under .github/workflows/.
      const run = await runActionProcess({ event: forkRunPayload({ runId: 9501, conclusion: 'failure', headSha: 'f0f0000000000000000000000000000000000001' }), apiUrl: gh.url, inputs: { token: WORKFLOW_TOKEN, 'fix-token': WORKFLOW_TOKEN } });
      expect(run.code).toBe(0);
      expect(gh.comments).toHaveLength(1);
      expect(gh.fixPulls).toEqual([]);
      expect(run.summary).toContain('Fix pull request for `exec-format-error` (b256b728a02ab709): failed (GitHub answered HTTP 403');
      expect(run.outputs.verdict).toBe('architecture');
    } finally {
      await gh.close();
    }
  });

  it('fails in one line when GitHub refuses the token, without printing it', async () => {
    const gh = await startFake();
    try {
      gh.setRun(9601, [{ id: 96011, name: 'test', conclusion: 'failure', log: LOG }]);
      const run = await runActionProcess({ event: forkRunPayload({ runId: 9601, conclusion: 'failure', headSha: 'f0f0000000000000000000000000000000000001' }), apiUrl: gh.url, inputs: { token: 'ghs_revokedToken000000000000000000000' } });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('');
      expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^::error title=goarch::goarch: GitHub answered HTTP 401: Bad credentials/) as unknown as string]);
      expect(run.stdout).not.toContain('ghs_revokedToken');
    } finally {
      await gh.close();
    }
  });
});
