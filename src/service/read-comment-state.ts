import { COMMENT_MARKER } from './comment-state.js';
import type { CommentState } from './comment-state.js';
import type { StateSeal } from './state-seal.js';
import { validEntries, validGone } from './comment-state-schema.js';

/** The whole last line of the comment, exactly as `stateComment` writes it. */
const STATE = /^<!-- goarch:state ([A-Za-z0-9+/=]+) ([0-9a-f]{64}) -->$/;

/**
 * The state embedded in a goarch comment; an empty state when absent, unreadable or not signed with
 * the server's key (the comment is then rebuilt from what the run shows). Only the position goarch
 * writes is read: the comment starts with the marker and the state is its last line, so text quoted
 * from a log anywhere in between can never be taken for state.
 */
export function readCommentState(body: string | null, seal: StateSeal): CommentState {
  const empty: CommentState = { v: 1, entries: [], gone: null };
  if (body === null || !body.startsWith(`${COMMENT_MARKER}\n`)) return empty;
  const trimmed = body.endsWith('\n') ? body.slice(0, -1) : body;
  const last = trimmed.slice(trimmed.lastIndexOf('\n') + 1).replace(/\r$/, '');
  const match = STATE.exec(last);
  if (match === null) return empty;
  const [, encoded = '', signature = ''] = match;
  if (!seal.verify(encoded, signature)) return empty;
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Partial<CommentState>;
    if (value.v !== 1 || !Array.isArray(value.entries)) return empty;
    return { v: 1, entries: validEntries(value.entries), gone: value.gone == null ? null : validGone(value.gone) };
  } catch {
    return empty;
  }
}
