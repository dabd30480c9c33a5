import type { CommentState } from './comment-state.js';

const STATE = /<!-- goarch:state ([A-Za-z0-9+/=]+) -->/;

/** The state embedded in a goarch comment; an empty state when absent or unreadable (the comment is then rebuilt). */
export function readCommentState(body: string | null): CommentState {
  const empty: CommentState = { v: 1, entries: [], gone: null };
  const encoded = body === null ? undefined : STATE.exec(body)?.[1];
  if (encoded === undefined) return empty;
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Partial<CommentState>;
    if (value.v !== 1 || !Array.isArray(value.entries)) return empty;
    return { v: 1, entries: value.entries, gone: value.gone ?? null };
  } catch {
    return empty;
  }
}
