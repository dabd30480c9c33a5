import type { Incident } from '../core/model/index.js';
import type { IncidentPost } from './incident-store.js';
import type { RepoRef } from './repo-ref.js';

/** One incident as a chat message shows it. */
export interface ChannelIncident {
  incident: Incident;
  /** The dedupe scope the incident was counted in (`slack:<channel>`). */
  scope: string;
  /** Times seen in that scope within the dedupe window. */
  count: number;
  /** The run or job the diagnosis came from, or null for a pasted log or a file. */
  link: string | null;
  /** Where a fix pull request could go: only for incidents of a workflow run. */
  run: (RepoRef & { runId: number }) | null;
  /** The log was longer than the byte limit and was scanned up to it. */
  truncatedAt: number | null;
}

/**
 * The port through which `postToChannel` writes to a chat channel (Slack in src/slack). A post is
 * one message per incident; repeats edit it and reply in its thread.
 */
export interface ChannelOutput {
  /** The kind of post recorded in the incident store for this chat tool (`slack`), one per channel. */
  readonly postKind: string;
  /** Posts the incident as a new message (in the thread `threadTs` when given) and says where it went. */
  post(item: ChannelIncident, threadTs: string | null): Promise<Pick<IncidentPost, 'id' | 'ts' | 'url'>>;
  /** Re-renders the first message with the new count. */
  update(post: IncidentPost, item: ChannelIncident): Promise<void>;
  /**
   * A short "seen again" reply in the first message's thread; when the request came from another
   * thread (`askedIn`), a pointer to the first message there too.
   */
  replyRepeat(post: IncidentPost, item: ChannelIncident, askedIn: string | null): Promise<void>;
}
