import { describe, expect, it } from 'vitest';
import { publishDiagnosis } from '../../src/service/publish-diagnosis.js';
import type { PublishRequest } from '../../src/service/publish-diagnosis.js';
import type { DiagnosisOutput, IssueComment } from '../../src/service/diagnosis-output.js';
import { readCommentState } from '../../src/service/read-comment-state.js';
import { createStateSeal } from '../../src/service/state-seal.js';
import { renderPrComment } from '../../src/service/render-pr-comment.js';
import { ServiceError } from '../../src/service/service-error.js';
import { MemoryIncidentStore } from '../../src/store/memory-incident-store.js';
import { buildIncident } from '../support/incident-builder.js';
import { fakeClock } from '../support/fake-clock.js';

/** What octokitOutput says of GitHub: its post kinds, unprefixed scopes, 65 536-character bodies. */
const GITHUB_LIKE = { postKinds: { comment: 'github-comment', check: 'github-check' }, scopePrefix: '', maxBodyChars: 65_536 } as const;
const SEAL = createStateSeal('a test key of at least thirty-two characters');

/** An in-memory pull request and check runs, recording every call. */
function fakeOutput() {
  const comments = new Map<number, IssueComment>();
  const calls: string[] = [];
  let next = 1;
  const output: DiagnosisOutput = {
    ...GITHUB_LIKE,
    async findComment(_repo, _pr, marker) {
      calls.push('find');
      return [...comments.values()].find((c) => c.body.includes(marker)) ?? null;
    },
    async getComment(_repo, id) {
      calls.push(`get ${id}`);
      return comments.get(id) ?? null;
    },
    async createComment(_repo, _pr, body) {
      const comment = { id: next++, body, url: 'u' };
      comments.set(comment.id, comment);
      calls.push(`create ${comment.id}`);
      return comment;
    },
    async updateComment(_repo, id, body) {
      comments.set(id, { id, body, url: 'u' });
      calls.push(`update ${id}`);
    },
    async createCheckRun() {
      calls.push('check');
      return { id: 77, url: 'c' };
    },
    async updateCheckRun(_repo, id) {
      calls.push(`check-update ${id}`);
    },
  };
  return { output, comments, calls };
}

const incident = buildIncident({ class: 'exec-format-error', fingerprint: 'fp-1', title: 'exec format error' });
const job = { id: 5, name: 'build', url: 'https://github.com/o/r/actions/runs/1/job/5', failedStep: 3 };

function request(fields: Partial<PublishRequest> = {}): PublishRequest {
  return {
    repo: { owner: 'o', repo: 'r' },
    pullRequests: [2],
    headSha: 'abc',
    workflow: { id: '10', name: 'CI' },
    runId: 1,
    runUrl: 'https://github.com/o/r/actions/runs/1',
    output: 'comment',
    claimKey: 'job-1',
    incidents: [{ incident, jobs: [job] }],
    scans: [{ job, outcome: 'scanned', bytes: 10, truncated: false, incidents: 1 }],
    maxLogBytes: 1024,
    ...fields,
  };
}

describe('publishDiagnosis', () => {
  const clock = fakeClock();
  const deps = (store: MemoryIncidentStore, output: DiagnosisOutput) => ({ store, output, now: clock.now, sleep: async () => {}, windowMs: 86_400_000, seal: SEAL });

  it('publishes nothing without incidents or unreadable logs', async () => {
    const { output, calls } = fakeOutput();
    const result = await publishDiagnosis(request({ incidents: [], scans: [] }), deps(new MemoryIncidentStore({ clock }), output));
    expect(result).toEqual({ comments: [], checkRuns: [] });
    expect(calls).toEqual([]);
  });

  it('creates the comment once, then edits it with the count; the state survives in the comment', async () => {
    const store = new MemoryIncidentStore({ clock });
    const { output, calls, comments } = fakeOutput();
    await publishDiagnosis(request(), deps(store, output));
    await publishDiagnosis(request({ claimKey: 'job-2', runId: 2 }), deps(store, output));
    expect(calls).toEqual(['find', 'create 1', 'get 1', 'update 1']);
    const state = readCommentState(comments.get(1)?.body ?? null, SEAL);
    expect(state.entries.map((e) => [e.fingerprint, e.count, e.runId])).toEqual([['fp-1', 2, 2]]);
  });

  it('skips muted incidents', async () => {
    const store = new MemoryIncidentStore({ clock });
    await store.mute('o/r', 'fp-1', clock.now() + 1000);
    const { output, calls } = fakeOutput();
    await publishDiagnosis(request(), deps(store, output));
    expect(calls).toEqual([]);
  });

  it('waits for the winner of the claim, then asks for a retry (incident-post-pending)', async () => {
    const store = new MemoryIncidentStore({ clock });
    await store.claim({ scope: 'o/r#2', fingerprint: 'fp-1', class: 'exec-format-error', title: 't', key: 'winner', occurrence: { at: clock.now() } });
    const { output, calls } = fakeOutput();
    const error = await publishDiagnosis(request(), deps(store, output)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: 'incident-post-pending', retryable: true });
    // It looked on the pull request for a comment the winner may have posted without recording it.
    expect(calls).toEqual(['find']);
  });

  it('edits and records the comment on the pull request when the winner posted without recording it (Redis was away)', async () => {
    const store = new MemoryIncidentStore({ clock });
    const { output, calls, comments } = fakeOutput();
    // The winner claimed in the shared store, then posted while that store was unreachable: no post recorded.
    await store.claim({ scope: 'o/r#2', fingerprint: 'fp-1', class: 'exec-format-error', title: 't', key: 'winner', occurrence: { at: clock.now() } });
    await output.createComment({ owner: 'o', repo: 'r' }, 2, renderPrComment({ v: 1, entries: [], gone: null }, { embedState: true, seal: SEAL }));
    calls.length = 0;
    const result = await publishDiagnosis(request(), deps(store, output));
    expect(result.comments).toEqual([{ pullRequest: 2, commentId: 1, created: false }]);
    expect(calls).toEqual(['find', 'update 1']);
    expect(comments.size).toBe(1);
    expect((await store.get('o/r#2', 'fp-1'))?.posts).toMatchObject([{ kind: 'github-comment', id: '1' }]);
  });

  it('uses a check run named goarch for a push and edits it for a repeat on the same commit', async () => {
    const store = new MemoryIncidentStore({ clock });
    const { output, calls } = fakeOutput();
    await publishDiagnosis(request({ pullRequests: [] }), deps(store, output));
    await publishDiagnosis(request({ pullRequests: [], claimKey: 'job-2' }), deps(store, output));
    expect(calls).toEqual(['check', 'check-update 77']);
  });
});

describe('renderPrComment', () => {
  it('keeps the comment under GitHub\'s 65 536 characters however many incidents it holds', () => {
    const big = buildIncident({ class: 'cgo-cross-linker', explanation: 'x'.repeat(400), evidence: [{ line: 1, text: 'y'.repeat(290) }] });
    const entries = Array.from({ length: 80 }, (_, i) => ({
      fingerprint: `fp-${i}`,
      incident: { ...big, fingerprint: `fp-${i}` },
      workflow: { id: '1', name: 'CI' },
      runId: i,
      runUrl: null,
      jobs: [job],
      count: 1,
      truncatedAt: null,
      resolved: i % 2 === 0 ? { at: 0, runId: null, runUrl: null } : null,
    }));
    const body = renderPrComment({ v: 1, entries, gone: null }, { embedState: true, seal: SEAL });
    expect(body.length).toBeLessThanOrEqual(65_000);
    const kept = readCommentState(body, SEAL).entries;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((e) => e.resolved === null)).toBe(true);
  });
});

describe('publishDiagnosis: different incidents on one pull request at once', () => {
  it('creates one comment that both jobs fill in', async () => {
    const clock = fakeClock();
    const store = new MemoryIncidentStore({ clock });
    const { output, comments, calls } = fakeOutput();
    // Both jobs have claimed before either has written: the second waits for the first's comment.
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slowOutput: DiagnosisOutput = {
      ...output,
      async createComment(repo, pr, body) {
        await gate;
        return output.createComment(repo, pr, body);
      },
    };
    const sleep = async (): Promise<void> => {
      release();
      await new Promise((r) => setTimeout(r, 5));
    };
    const other = buildIncident({ class: 'cgo-cross-linker', fingerprint: 'fp-2', title: 'cgo cross linker' });
    const a = publishDiagnosis(request(), { store, output: slowOutput, now: clock.now, sleep, windowMs: 86_400_000, seal: SEAL });
    const b = publishDiagnosis(request({ claimKey: 'job-2', runId: 2, incidents: [{ incident: other, jobs: [job] }] }), { store, output: slowOutput, now: clock.now, sleep, windowMs: 86_400_000, seal: SEAL });
    const [ra, rb] = await Promise.all([a, b]);
    expect(comments.size).toBe(1);
    expect(calls.filter((c) => c.startsWith('create'))).toEqual(['create 1']);
    expect([ra.comments[0]?.commentId, rb.comments[0]?.commentId]).toEqual([1, 1]);
    const state = readCommentState(comments.get(1)?.body ?? null, SEAL);
    expect(state.entries.map((e) => e.fingerprint).sort()).toEqual(['fp-1', 'fp-2']);
  });
});
