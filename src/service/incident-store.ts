import type { FailureClass } from '../core/model/index.js';

/**
 * Where an incident's diagnosis was posted. Repeats edit this message instead of posting anew.
 * One post per `kind` (and per `channel` for chat posts): recording the same kind again replaces it.
 */
export interface IncidentPost {
  /** Named by the output that posted it (`github-comment`, `github-check`, `slack`...): an open set, one per host and medium. */
  kind: string;
  /** Comment id, check run id, or the Slack message ts. */
  id: string;
  /** Slack channel id. */
  channel?: string;
  /** Slack message ts (the same as `id` for Slack, kept for readability). */
  ts?: string;
  url?: string;
}

/** One sighting of an incident: a workflow run / job that failed with this fingerprint. */
export interface IncidentOccurrence {
  runId?: string;
  jobId?: string;
  url?: string;
  /** When it was seen (ms since the epoch). */
  at: number;
}

export interface IncidentRecord {
  /** The dedupe scope, usually "owner/repo" (or an org, or a Slack channel). */
  scope: string;
  fingerprint: string;
  class: FailureClass;
  title: string;
  /** Distinct occurrences counted within the window (a retried claim with the same key counts once). */
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** The most recent occurrences, newest first, at most `maxOccurrences` (store option, default 20). */
  occurrences: IncidentOccurrence[];
  /** Where the diagnosis was posted; empty until the winner calls `recordPost`. */
  posts: IncidentPost[];
  /** When the claim that owes the post was made (the lease start). */
  claimedAt: number;
  resolvedAt: number | null;
  /** When the record and every key that belongs to it expire (firstSeen-claim time + window). */
  expiresAt: number;
}

export interface ClaimRequest {
  scope: string;
  fingerprint: string;
  class: FailureClass;
  title: string;
  /** Dedupe window from the first claim; default 24 h. A claim after it (or after `markResolved`) starts a new incident. */
  windowMs?: number;
  /**
   * How long the winner has to `recordPost` before another claimer may take the post over
   * (the winner crashed and its job was lost). Default 10 min.
   */
  leaseMs?: number;
  /**
   * Idempotency key of this occurrence (e.g. the queue job id or delivery id). A claim repeated
   * with the same key is not counted again, and if that key won the claim and nothing was posted
   * yet, it wins again: a job retried after a crash (stalled-job recovery) still posts exactly once.
   */
  key?: string;
  occurrence: IncidentOccurrence;
}

export interface ClaimResult {
  /** True for exactly one claimer per incident: it must post, then `recordPost`. */
  first: boolean;
  /** The record after this claim was applied. */
  record: IncidentRecord;
}

export interface IncidentSummary {
  scope: string;
  fingerprint: string;
  class: FailureClass;
  title: string;
  count: number;
  lastSeen: number;
}

export interface StoreHealth {
  /** What answers the calls right now. */
  backend: 'redis' | 'memory';
  /** `down`: Redis is configured but unreachable; calls are answered in memory. */
  state: 'up' | 'down';
  /** `shared`: every replica sees the same incidents; `local`: this process only (no cross-replica dedupe). */
  dedupe: 'shared' | 'local';
  /** When the state last changed (clock ms). */
  since: number;
  /** Why it is down (the last connection error). */
  reason?: string;
}

/**
 * The shared state behind "one diagnosis per incident".
 *
 * Use from an adapter:
 * 1. `claim(...)`.
 * 2. If `first`: post the diagnosis, then `recordPost(...)` with the message's id.
 * 3. Else if `record.posts` is non-empty: edit those messages with `record.count`.
 * 4. Else (the winner has not posted yet): throw a retryable job error; the retry reads `get(...)` and edits.
 */
export interface IncidentStore {
  claim(request: ClaimRequest): Promise<ClaimResult>;
  /** Remember where the incident was posted. Null when the record no longer exists (expired). */
  recordPost(scope: string, fingerprint: string, post: IncidentPost): Promise<IncidentRecord | null>;
  get(scope: string, fingerprint: string): Promise<IncidentRecord | null>;
  /** Mark fixed (e.g. the check went green): the next claim starts a new incident. False if unknown. */
  markResolved(scope: string, fingerprint: string, at: number): Promise<boolean>;
  /** Delivery idempotency (GitHub delivery ids, Slack retries). True the first time an id is seen within `ttlMs`. */
  rememberDelivery(id: string, ttlMs: number): Promise<boolean>;
  /** Silence an incident until `untilMs` (clock ms). */
  mute(scope: string, fingerprint: string, untilMs: number): Promise<void>;
  isMuted(scope: string, fingerprint: string): Promise<boolean>;
  /** Incidents seen since `sinceMs`, most counted first, for `/goarch stats`. */
  topIncidents(sinceMs: number, limit: number): Promise<IncidentSummary[]>;
  /** Round trip to the backend; false when it does not answer. Never throws. */
  ping(): Promise<boolean>;
  health(): StoreHealth;
  close(): Promise<void>;
}
