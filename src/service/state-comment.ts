import type { CommentState } from './comment-state.js';

/** The HTML comment that carries the state. */
export function stateComment(state: CommentState): string {
  return `<!-- goarch:state ${Buffer.from(JSON.stringify(state), 'utf8').toString('base64')} -->`;
}
