import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CiHost } from '../../src/service/ci-host.js';
import type { DiagnosisOutput, IssueComment } from '../../src/service/diagnosis-output.js';
import { handleFailedRun } from '../../src/service/handle-failed-run.js';
import { JobRegistry } from '../../src/service/job-registry.js';
import { parseRepoConfig } from '../../src/service/repo-config.js';
import type { RepoWriter } from '../../src/service/repo-writer.js';
import { ServiceError } from '../../src/service/service-error.js';
import { createStateSeal } from '../../src/service/state-seal.js';
import { MemoryIncidentStore } from '../../src/store/memory-incident-store.js';
import { fakeClock } from '../support/fake-clock.js';
import { shippedRules } from '../support/rules.js';

// docs/architecture.md, "Add a CI host": a host is a CiHost and a DiagnosisOutput (an adapter folder)
// plus wiring. This one speaks a GitLab-like dialect (pipelines, `failed` jobs, merge-request notes) and
// runs the whole handle-failed-run use case, dispatched by job kind, with no change to src/.

const LOG = readFileSync('fixtures/logs/lab/exec-arm64-go-test.log', 'utf8');

/** The host's own API, in memory: pipeline 31 of group/project failed on merge request !5. */
const pipelines = { 31: { sha: 'c0ffee', mr: 5, jobs: [{ id: 8, name: 'test:arm64', status: 'failed', web_url: 'https://lab.example/group/project/-/jobs/8', trace: LOG }, { id: 9, name: 'lint', status: 'success', web_url: 'https://lab.example/group/project/-/jobs/9', trace: '' }] } };

function labHost(): CiHost {
  const STATUS: Record<string, string> = { failed: 'failure', success: 'success', canceled: 'cancelled' };
  return {
    listJobs: async (run) => (pipelines[run.runId as 31]?.jobs ?? []).map((j) => ({ id: j.id, name: j.name, conclusion: STATUS[j.status] ?? null, url: j.web_url, failedStep: null })),
    openJobLog: async (run, jobId) => {
      const trace = pipelines[run.runId as 31]?.jobs.find((j) => j.id === jobId)?.trace;
      if (trace === undefined) throw new ServiceError('log-gone', `job ${jobId} has no trace`, { retryable: false });
      return (async function* () {
        yield new TextEncoder().encode(trace);
      })();
    },
    getRun: async () => null,
    latestFailedRun: async () => null,
    loadRepoConfig: async () => parseRepoConfig({}),
    permissionOf: async () => 'none',
    pullRequestsOf: async () => [],
  };
}

function labNotes() {
  const notes: (IssueComment & { mr: number })[] = [];
  const output: DiagnosisOutput = {
    postKinds: { comment: 'lab-note', check: 'lab-status' },
    scopePrefix: 'lab:',
    maxBodyChars: 1_000_000,
    findComment: async (_repo, mr, marker) => notes.find((n) => n.mr === mr && n.body.startsWith(marker)) ?? null,
    getComment: async (_repo, id) => notes.find((n) => n.id === id) ?? null,
    createComment: async (_repo, mr, body) => (notes.push({ id: notes.length + 1, body, url: `https://lab.example/group/project/-/merge_requests/${mr}#note_${notes.length + 1}`, mr }), notes.at(-1)!),
    updateComment: async (_repo, id, body) => void Object.assign(notes.find((n) => n.id === id) ?? {}, { body }),
    createCheckRun: async () => ({ id: 1, url: 'https://lab.example/status/1' }),
    updateCheckRun: async () => undefined,
  };
  return { output, notes };
}

describe('a second CI host', () => {
  it('runs handle-failed-run end to end: the diagnosis lands in its merge request, counted in its own scope', async () => {
    const clock = fakeClock();
    const store = new MemoryIncidentStore({ clock });
    const { output, notes } = labNotes();
    const writer = {} as RepoWriter; // autofix is off: nothing reads or writes the repository.
    // The adapter registers its job kind; the composition root hands dispatch to the queue.
    const registry = new JobRegistry();
    registry.register(['lab-pipeline-failed'], async (job) => {
      const { project, pipeline } = job.payload as { project: string; pipeline: 31 };
      const [owner = '', repo = ''] = project.split('/');
      const run = pipelines[pipeline];
      await handleFailedRun(
        { repo: { owner, repo }, run: { runId: pipeline, url: `https://lab.example/${project}/-/pipelines/${pipeline}`, workflowId: '.gitlab-ci.yml', workflowName: 'pipeline', workflowPath: null, headSha: run.sha, pullRequests: [run.mr] }, forkHead: null, claimKey: job.id },
        { host: labHost(), output, writer, fixes: { enqueue: async () => 'none' }, store, rules: shippedRules(), seal: createStateSeal('a test key of at least thirty-two characters'), validate: async () => ({ valid: true, errors: [] }), maxLogBytes: 1 << 20, windowMs: 86_400_000, now: clock.now, monotonic: () => 0, sleep: async () => undefined },
      );
    });
    await registry.dispatch({ id: 'lab:1', name: 'lab-pipeline-failed', payload: { project: 'group/project', pipeline: 31 }, attempt: 1, maxAttempts: 3 });

    expect(notes.map((n) => n.mr)).toEqual([5]);
    expect(notes[0]?.body).toContain('exec-format-error');
    expect(notes[0]?.body).toContain('https://lab.example/group/project/-/jobs/8');
    const fingerprint = /"fingerprint":"([^"]+)"/.exec(Buffer.from(/goarch:state (\S+)/.exec(notes[0]?.body ?? '')?.[1] ?? '', 'base64').toString())?.[1] ?? '';
    const record = await store.get('lab:group/project#5', fingerprint);
    expect(record?.posts.map((p) => p.kind)).toEqual(['lab-note']);
  });
});
