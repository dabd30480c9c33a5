import type { Incident } from '../core/model/index.js';
import type { IncidentOccurrence, IncidentPost, IncidentRecord, IncidentStore } from './incident-store.js';
import type { ChannelIncident, ChannelOutput } from './channel-output.js';
import { channelScope } from './channel-scope.js';
import type { RepoRef } from './repo-ref.js';

/** One incident to post, with where it was seen. */
export interface ChannelCandidate {
  incident: Incident;
  link: string | null;
  run: (RepoRef & { runId: number }) | null;
  jobId: number | null;
  truncatedAt: number | null;
}

export interface PostToChannelRequest {
  channel: string;
  /** Idempotency key of this occurrence (a run, a Slack event or command): the same key is counted once. */
  claimKey: string;
  /** The thread the request came from (a mention), or null for a top-level answer. */
  threadTs: string | null;
  incidents: ChannelCandidate[];
}

export interface PostToChannelDeps {
  store: IncidentStore;
  output: ChannelOutput;
  /** Wall clock (ms since the epoch). */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  windowMs: number;
  onDedupeHit?: () => void;
}

export type ChannelOutcome =
  | { fingerprint: string; outcome: 'posted'; post: IncidentPost; count: number }
  | { fingerprint: string; outcome: 'repeat'; post: IncidentPost; count: number }
  | { fingerprint: string; outcome: 'muted' };

/** How long a repeat waits, in total, for the first claimer's message before posting one itself. */
const PENDING_WAIT_MS = [100, 250, 500, 1000];

/**
 * Posts each incident in a channel once per dedupe window:
 * 1. skip incidents muted in this channel;
 * 2. claim the incident in the channel's scope;
 * 3. first claim: post a new message and record where it went;
 * 4. a repeat: find the first message (waiting briefly for a claimer that has not posted yet), update
 *    its count and reply in its thread; if no message ever appears, post one (an answer is never lost).
 */
export async function postToChannel(request: PostToChannelRequest, deps: PostToChannelDeps): Promise<ChannelOutcome[]> {
  const scope = channelScope(deps.output.postKind, request.channel);
  const outcomes: ChannelOutcome[] = [];
  for (const candidate of request.incidents) {
    const { fingerprint } = candidate.incident;
    // 1. Muted here.
    if (await deps.store.isMuted(scope, fingerprint)) {
      outcomes.push({ fingerprint, outcome: 'muted' });
      continue;
    }
    // 2. Claim.
    const claim = await deps.store.claim({
      scope,
      fingerprint,
      class: candidate.incident.class,
      title: candidate.incident.title,
      key: request.claimKey,
      windowMs: deps.windowMs,
      occurrence: occurrenceOf(candidate, deps.now()),
    });
    const item = (record: IncidentRecord): ChannelIncident => ({
      incident: candidate.incident,
      scope,
      count: record.count,
      link: candidate.link,
      run: candidate.run,
      truncatedAt: candidate.truncatedAt,
    });
    // 3. First: post.
    if (claim.first) {
      outcomes.push({ fingerprint, outcome: 'posted', ...(await postNew(scope, request, item(claim.record), deps)), count: claim.record.count });
      continue;
    }
    // 4. A repeat: edit the first message and reply in its thread.
    deps.onDedupeHit?.();
    const found = await firstPost(scope, request.channel, claim.record, deps);
    if (found === null) {
      outcomes.push({ fingerprint, outcome: 'posted', ...(await postNew(scope, request, item(claim.record), deps)), count: claim.record.count });
      continue;
    }
    await deps.output.update(found.post, item(found.record));
    await deps.output.replyRepeat(found.post, item(found.record), request.threadTs);
    outcomes.push({ fingerprint, outcome: 'repeat', post: found.post, count: found.record.count });
  }
  return outcomes;
}

async function postNew(scope: string, request: PostToChannelRequest, item: ChannelIncident, deps: PostToChannelDeps): Promise<{ post: IncidentPost }> {
  const posted = await deps.output.post(item, request.threadTs);
  const post: IncidentPost = { kind: deps.output.postKind, channel: request.channel, ...posted };
  await deps.store.recordPost(scope, item.incident.fingerprint, post);
  return { post };
}

async function firstPost(scope: string, channel: string, record: IncidentRecord, deps: PostToChannelDeps): Promise<{ post: IncidentPost; record: IncidentRecord } | null> {
  const find = (r: IncidentRecord | null) => r?.posts.find((p) => p.kind === deps.output.postKind && p.channel === channel);
  let current: IncidentRecord | null = record;
  let post = find(current);
  for (const delay of PENDING_WAIT_MS) {
    if (post !== undefined || current === null) break;
    await deps.sleep(delay);
    current = await deps.store.get(scope, record.fingerprint);
    post = find(current);
  }
  return post === undefined || current === null ? null : { post, record: current };
}

function occurrenceOf(candidate: ChannelCandidate, at: number): IncidentOccurrence {
  return {
    at,
    ...(candidate.run === null ? {} : { runId: String(candidate.run.runId) }),
    ...(candidate.jobId === null ? {} : { jobId: String(candidate.jobId) }),
    ...(candidate.link === null ? {} : { url: candidate.link }),
  };
}
