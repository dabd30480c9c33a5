import type { ClaimResult, IncidentRecord, IncidentStore } from './incident-store.js';
import type { CommentEntry, CommentState, WorkflowRef } from './comment-state.js';
import { COMMENT_MARKER } from './comment-state.js';
import type { JobScan, RunIncident } from './diagnose-workflow-run.js';
import type { CheckRunOutput, DiagnosisOutput } from './diagnosis-output.js';
import type { RepoRef } from './repo-ref.js';
import { readCommentState } from './read-comment-state.js';
import { renderPrComment } from './render-pr-comment.js';
import type { StateSeal } from './state-seal.js';
import { ServiceError } from './service-error.js';
import { incidentScope } from './incident-scope.js';

export type OutputMode = 'comment' | 'check' | 'both';

/** A diagnosis to publish on a CI host: a run's (or a check run's) incidents and where they belong. */
export interface PublishRequest {
  repo: RepoRef;
  /** The pull requests of the run; empty for a push. */
  pullRequests: number[];
  headSha: string;
  workflow: WorkflowRef;
  runId: number | null;
  runUrl: string | null;
  output: OutputMode;
  /** Idempotency key of this occurrence (the queue job id): a retried job is counted once. */
  claimKey: string;
  incidents: RunIncident[];
  scans: JobScan[];
  maxLogBytes: number;
}

export interface PublishDeps {
  store: IncidentStore;
  output: DiagnosisOutput;
  /** Signs the state kept in goarch's comment and checks it when read back. */
  seal: StateSeal;
  /** Wall clock (ms since the epoch). */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  windowMs: number;
  /** Called for each claim that folded into an earlier incident (metrics). */
  onDedupeHit?: () => void;
  /**
   * The store lives for one run only (the Action): a count goes on from the comment's open entry for the
   * incident (unless that entry is from this same run) instead of restarting at the store's.
   */
  countsFromComment?: boolean;
}

export interface PublishResult {
  comments: { pullRequest: number; commentId: number; created: boolean }[];
  checkRuns: { checkRunId: number; created: boolean }[];
}

export const CHECK_NAME = 'goarch';
/** How long a claimer that lost waits, in total, for the winner to post before the job is retried. */
const PENDING_WAIT_MS = [250, 500, 1000, 2000];
/** Re-renders when the counts moved while writing (concurrent jobs on one PR). */
const MAX_REWRITES = 3;
/** How long the right to create a pull request's comment is held by the job that took it. */
const COMMENT_LEASE_MS = 120_000;

/**
 * Publishes one diagnosis, once per incident:
 * 1. nothing to say (no incident, no unreadable log): publish nothing;
 * 2. drop muted incidents;
 * 3. on each pull request (output comment|both): claim every incident in the PR's scope, then create
 *    the one marker comment (a claim winner holding the PR's comment lease) or edit it (everyone else,
 *    waiting for the winner's post), with each incident's count, and re-render if counts moved meanwhile;
 * 4. without a pull request (or output check|both): the same with a check run named `goarch` on the head commit.
 */
export async function publishDiagnosis(request: PublishRequest, deps: PublishDeps): Promise<PublishResult> {
  const result: PublishResult = { comments: [], checkRuns: [] };
  const gone = request.scans.filter((scan) => scan.outcome === 'log-gone').map((scan) => scan.job);
  // 1. Nothing to say.
  if (request.incidents.length === 0 && gone.length === 0) return result;
  // 2. Muted incidents.
  const incidents: RunIncident[] = [];
  for (const item of request.incidents) {
    if (!(await deps.store.isMuted(incidentScope(request, null, deps.output.scopePrefix), item.incident.fingerprint))) incidents.push(item);
  }
  if (incidents.length === 0 && gone.length === 0) return result;
  const goneLogs = gone.length === 0 ? null : { workflow: request.workflow, runUrl: request.runUrl, jobs: gone };
  // 3. One comment per pull request.
  if (request.pullRequests.length > 0 && request.output !== 'check') {
    for (const pullRequest of request.pullRequests) {
      result.comments.push(await publishComment(request, pullRequest, incidents, goneLogs, deps));
    }
  }
  // 4. A check run on the head commit.
  if (request.pullRequests.length === 0 || request.output !== 'comment') {
    result.checkRuns.push(await publishCheckRun(request, incidents, goneLogs, deps));
  }
  return result;
}

async function claimAll(request: PublishRequest, scope: string, incidents: RunIncident[], deps: PublishDeps): Promise<ClaimResult[]> {
  const claims: ClaimResult[] = [];
  for (const { incident, jobs } of incidents) {
    const claim = await deps.store.claim({
      scope,
      fingerprint: incident.fingerprint,
      class: incident.class,
      title: incident.title,
      key: request.claimKey,
      windowMs: deps.windowMs,
      occurrence: {
        at: deps.now(),
        ...(request.runId === null ? {} : { runId: String(request.runId) }),
        ...(jobs[0] === undefined ? {} : { jobId: String(jobs[0].id) }),
        ...(request.runUrl === null ? {} : { url: request.runUrl }),
      },
    });
    if (!claim.first) deps.onDedupeHit?.();
    claims.push(claim);
  }
  return claims;
}

/** The id of the post of `kind` recorded on any of the records, waiting a little for a winner that has not posted yet. */
async function postedId(claims: ClaimResult[], kind: string, scope: string, deps: PublishDeps): Promise<number | null> {
  const find = (records: (IncidentRecord | null)[]) => {
    for (const record of records) {
      const post = record?.posts.find((p) => p.kind === kind);
      if (post !== undefined) return Number(post.id);
    }
    return null;
  };
  let found = find(claims.map((c) => c.record));
  if (found !== null || claims.length === 0 || claims.some((c) => c.first)) return found;
  // Every incident was claimed by other jobs that have not posted yet: wait for them, then retry the job.
  for (const delay of PENDING_WAIT_MS) {
    await deps.sleep(delay);
    found = find(await Promise.all(claims.map((c) => deps.store.get(scope, c.record.fingerprint))));
    if (found !== null) return found;
  }
  throw new ServiceError('incident-post-pending', `the incident in ${scope} was claimed by another job that has not posted yet`, { retryable: true });
}

async function publishComment(request: PublishRequest, pullRequest: number, incidents: RunIncident[], gone: CommentState['gone'], deps: PublishDeps) {
  const scope = incidentScope(request, pullRequest, deps.output.scopePrefix);
  const claims = await claimAll(request, scope, incidents, deps);
  let commentId: number | null;
  let existing: Awaited<ReturnType<DiagnosisOutput['findComment']>>;
  try {
    commentId = await postedId(claims, deps.output.postKinds.comment, scope, deps);
    existing = commentId === null ? await deps.output.findComment(request.repo, pullRequest, COMMENT_MARKER) : await deps.output.getComment(request.repo, commentId);
  } catch (error) {
    // The winner may have posted while Redis was away (its post then recorded in its process only):
    // the marker comment on the pull request is the truth. Edit it (and record it) instead of waiting for ever.
    if (!(error instanceof ServiceError && error.code === 'incident-post-pending')) throw error;
    existing = await deps.output.findComment(request.repo, pullRequest, COMMENT_MARKER);
    if (existing === null) throw error;
    commentId = null;
  }
  // Jobs with different incidents on one pull request each win their own claims: only the holder of the
  // pull request's comment lease creates the comment; the others wait for it and edit it.
  if (existing === null && !(await deps.store.rememberDelivery(`comment-lease:${scope}`, COMMENT_LEASE_MS))) {
    existing = await waitForComment(request, pullRequest, deps);
  }
  let created = false;
  let counts = new Map(claims.map((c) => [c.record.fingerprint, c.record.count]));
  for (let pass = 0; ; pass++) {
    const state = merge(readCommentState(existing?.body ?? null, deps.seal), request, incidents, counts, gone, deps.countsFromComment === true);
    const body = renderPrComment(state, { embedState: true, seal: deps.seal, maxChars: deps.output.maxBodyChars });
    if (existing === null) {
      existing = await deps.output.createComment(request.repo, pullRequest, body);
      created = true;
    } else if (existing.body !== body) {
      await deps.output.updateComment(request.repo, existing.id, body);
      existing = { ...existing, body };
    }
    if (commentId !== existing.id) {
      commentId = existing.id;
      for (const claim of claims) {
        await deps.store.recordPost(scope, claim.record.fingerprint, { kind: deps.output.postKinds.comment, id: String(commentId), url: existing.url });
      }
    }
    // Concurrent jobs on this PR may have counted more while this one wrote: show the latest counts.
    const latest = await Promise.all(claims.map((c) => deps.store.get(scope, c.record.fingerprint)));
    const moved = latest.some((record) => record !== null && record.count !== counts.get(record.fingerprint));
    if (!moved || pass >= MAX_REWRITES) break;
    counts = new Map(latest.filter((r) => r !== null).map((r) => [r.fingerprint, r.count]));
    existing = (await deps.output.getComment(request.repo, commentId)) ?? existing;
  }
  return { pullRequest, commentId, created };
}

/** The marker comment another job is creating on the pull request; retried later if it does not appear. */
async function waitForComment(request: PublishRequest, pullRequest: number, deps: PublishDeps) {
  for (const delay of PENDING_WAIT_MS) {
    await deps.sleep(delay);
    const found = await deps.output.findComment(request.repo, pullRequest, COMMENT_MARKER);
    if (found !== null) return found;
  }
  throw new ServiceError('incident-post-pending', `another job is creating the goarch comment on ${request.repo.owner}/${request.repo.repo}#${pullRequest}`, { retryable: true });
}

async function publishCheckRun(request: PublishRequest, incidents: RunIncident[], gone: CommentState['gone'], deps: PublishDeps) {
  const scope = `${incidentScope(request, null, deps.output.scopePrefix)}@${request.headSha}`;
  const claims = await claimAll(request, scope, incidents, deps);
  const checkRunId = await postedId(claims, deps.output.postKinds.check, scope, deps);
  const counts = new Map(claims.map((c) => [c.record.fingerprint, c.record.count]));
  const state = merge({ v: 1, entries: [], gone: null }, request, incidents, counts, gone);
  const output: CheckRunOutput = {
    conclusion: 'neutral',
    title: incidents.length === 0 ? 'The failed job log is no longer available' : incidents.map((i) => i.incident.class).join(', '),
    summary: renderPrComment(state, { embedState: false, maxChars: deps.output.maxBodyChars }),
  };
  if (checkRunId !== null) {
    await deps.output.updateCheckRun(request.repo, checkRunId, output);
    return { checkRunId, created: false };
  }
  const created = await deps.output.createCheckRun(request.repo, request.headSha, CHECK_NAME, output);
  for (const claim of claims) await deps.store.recordPost(scope, claim.record.fingerprint, { kind: deps.output.postKinds.check, id: String(created.id), url: created.url });
  return { checkRunId: created.id, created: true };
}

/** The comment's entries with this run's incidents updated (or added), reopened if they had been resolved. */
function merge(state: CommentState, request: PublishRequest, incidents: RunIncident[], counts: Map<string, number>, gone: CommentState['gone'], countsFromComment = false): CommentState {
  const entries = [...state.entries];
  for (const { incident, jobs, fix } of incidents) {
    const previous = countsFromComment ? entries.find((e) => e.fingerprint === incident.fingerprint && e.resolved === null) : undefined;
    const carried = previous !== undefined && previous.runId !== request.runId && Number.isSafeInteger(previous.count) && previous.count > 0 ? previous.count : 0;
    const truncated = request.scans.some((scan) => scan.truncated && jobs.some((job) => job.id === scan.job.id));
    const entry: CommentEntry = {
      fingerprint: incident.fingerprint,
      incident,
      workflow: request.workflow,
      runId: request.runId,
      runUrl: request.runUrl,
      jobs,
      count: carried + (counts.get(incident.fingerprint) ?? 1),
      truncatedAt: truncated ? request.maxLogBytes : null,
      resolved: null,
      ...(fix === undefined ? {} : { fix }),
    };
    const at = entries.findIndex((e) => e.fingerprint === incident.fingerprint);
    if (at === -1) entries.push(entry);
    else entries[at] = entry;
  }
  return { v: 1, entries, gone: gone ?? (incidents.length > 0 ? null : state.gone) };
}
