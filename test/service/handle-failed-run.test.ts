import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CiRun } from '../../src/service/ci-host.js';
import type { QueuedFix } from '../../src/service/fix-requests.js';
import { handleFailedRun } from '../../src/service/handle-failed-run.js';
import type { FailedRunRequest, HandleFailedRunDeps } from '../../src/service/handle-failed-run.js';
import type { WorkflowValidator } from '../../src/service/propose-workflow-fix.js';
import { readCommentState } from '../../src/service/read-comment-state.js';
import type { RepoWriter } from '../../src/service/repo-writer.js';
import { createStateSeal } from '../../src/service/state-seal.js';
import { MemoryIncidentStore } from '../../src/store/memory-incident-store.js';
import { loadWorkflowValidator } from '../core/fix/load-workflow-validator.js';
import { fakeCiHost } from '../support/fake-ci-host.js';
import { fakeClock } from '../support/fake-clock.js';
import type { FakeCiHostOptions } from '../support/fake-ci-host.js';
import { fakeDiagnosisOutput } from '../support/fake-diagnosis-output.js';
import { shippedRules } from '../support/rules.js';

// The whole use case over fake ports: no HTTP, no nock.
const LOG = readFileSync('fixtures/logs/lab/exec-arm64-go-test.log', 'utf8');
const WORKFLOW = readFileSync('fixtures/workflows/native-runner-matrix.yml', 'utf8');
const PATH = '.github/workflows/ci.yml';
const SEAL = createStateSeal('a test key of at least thirty-two characters');
const repo = { owner: 'acme', repo: 'gdu' };
const run: CiRun = { runId: 7, url: 'https://ci.example/acme/gdu/runs/7', workflowId: '3', workflowName: 'CI', workflowPath: PATH, headSha: 'head-1', pullRequests: [4] };

let validate: WorkflowValidator;
beforeAll(async () => {
  validate = await loadWorkflowValidator();
});

/** The default branch holds the workflow; nothing is written by this use case (fix jobs write later). */
const writer: RepoWriter = {
  defaultBranch: async () => ({ name: 'main', sha: 'base', treeSha: 'tree' }),
  readFile: async (_repo, path) => (path === PATH ? WORKFLOW : null),
  findPullRequest: async () => null,
  branchHead: async () => null,
  createCommit: async () => {
    throw new Error('handleFailedRun does not commit');
  },
  pointBranch: async () => {
    throw new Error('handleFailedRun does not move branches');
  },
  createPullRequest: async () => {
    throw new Error('handleFailedRun does not open pull requests');
  },
  updatePullRequest: async () => undefined,
};

function setup(host: Partial<FakeCiHostOptions> = {}) {
  const ci = fakeCiHost({ jobs: [{ id: 11, name: 'test (arm64)', conclusion: 'failure', url: 'https://ci.example/jobs/11', failedStep: 4, log: LOG }, { id: 12, name: 'lint', conclusion: 'success', url: 'u', failedStep: null, log: 'ok' }], ...host });
  const clock = fakeClock();
  const out = fakeDiagnosisOutput();
  const fixes: QueuedFix[] = [];
  const incidents: string[] = [];
  const deps: HandleFailedRunDeps = {
    host: ci,
    output: out.output,
    writer,
    fixes: { enqueue: async (fix) => (fixes.push(fix), `fix-${fixes.length}`) },
    store: new MemoryIncidentStore({ clock }),
    rules: shippedRules(),
    seal: SEAL,
    validate,
    maxLogBytes: 1 << 20,
    windowMs: 86_400_000,
    now: clock.now,
    monotonic: () => 0,
    sleep: async () => undefined,
    onIncident: (c) => incidents.push(c),
  };
  return { ci, out, fixes, incidents, deps };
}

const request = (fields: Partial<FailedRunRequest> = {}): FailedRunRequest => ({ repo, run, forkHead: null, claimKey: 'job-1', ...fields });

describe('handleFailedRun', () => {
  it('diagnoses the failed job, comments on the pull request once and enqueues one fix with autofix', async () => {
    const { ci, out, fixes, incidents, deps } = setup({ config: { autofix: true } });
    const result = await handleFailedRun(request(), deps);
    expect(result.status).toBe('diagnosed');
    if (result.status !== 'diagnosed') return;
    expect(ci.calls).toEqual(['config', 'jobs 7', 'log 11']);
    expect(incidents).toEqual(['exec-format-error']);
    expect([...out.comments.values()].map((c) => c.pullRequest)).toEqual([4]);
    const state = readCommentState([...out.comments.values()][0]?.body ?? null, SEAL);
    expect(state.entries.map((e) => [e.incident.class, e.runId, e.fix?.kind])).toEqual([['exec-format-error', 7, 'planned']]);
    expect(fixes.map((f) => [f.workflowPath, f.incident.class, f.run.pullRequests])).toEqual([[PATH, 'exec-format-error', [4]]]);
    expect(result.fixJobs.map((f) => f.jobId)).toEqual(['fix-1']);
    // The same run again (a retried job, same claim key): one comment, counted once.
    await handleFailedRun(request(), deps);
    expect(out.comments.size).toBe(1);
  });

  it('reports an invalid config on the head commit and reads no log', async () => {
    const { ci, out, deps } = setup({ config: { output: 'pager' } });
    expect(await handleFailedRun(request(), deps)).toEqual({ status: 'config-invalid', key: 'output' });
    expect(ci.calls).toEqual(['config']);
    expect(out.checkRuns.map((c) => [c.headSha, c.title])).toEqual([['head-1', 'Invalid .github/goarch.yml: output']]);
  });

  it('stops for a disabled repository and an ignored workflow', async () => {
    expect((await handleFailedRun(request(), setup({ config: { enabled: false } }).deps)).status).toBe('disabled');
    const ignored = setup({ config: { ignoreWorkflows: ['CI'] } });
    expect(await handleFailedRun(request(), ignored.deps)).toEqual({ status: 'ignored', workflow: 'CI' });
    expect(ignored.ci.calls).toEqual(['config']);
  });

  it("finds a fork's pull request by its head commit, since the event lists none", async () => {
    const { ci, out, deps } = setup({ pullRequestsByHead: { 'head-1': [9] } });
    const result = await handleFailedRun(request({ run: { ...run, pullRequests: [] }, forkHead: { sha: 'head-1', owner: 'someone', branch: 'patch-1' } }), deps);
    expect(result.status === 'diagnosed' && result.pullRequests).toEqual([9]);
    expect(ci.calls).toContain('pulls of head-1');
    expect([...out.comments.values()].map((c) => c.pullRequest)).toEqual([9]);
    expect(out.checkRuns).toEqual([]);
  });

  it('puts a push run (no pull request, not a fork) on a check run without looking for pull requests', async () => {
    const { ci, out, fixes, deps } = setup();
    await handleFailedRun(request({ run: { ...run, pullRequests: [] } }), deps);
    expect(ci.calls).not.toContain('pulls of head-1');
    expect(out.comments.size).toBe(0);
    expect(out.checkRuns.map((c) => c.title)).toEqual(['exec-format-error']);
    expect(fixes).toEqual([]);
  });
});
