import type { IncidentPost } from './incident-store.js';

/** One post per kind, and per channel for Slack: the slot a post replaces. */
export function postSlot(post: IncidentPost): string {
  return post.kind === 'slack' || post.channel !== undefined ? `${post.kind}:${post.channel ?? ''}` : post.kind;
}
