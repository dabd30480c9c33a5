import type { CommentState } from './comment-state.js';
import type { StateSeal } from './state-seal.js';

/** The HTML comment that carries the state, signed: the last line of goarch's comment (`readCommentState` reads only that line). */
export function stateComment(state: CommentState, seal: StateSeal): string {
  const encoded = Buffer.from(JSON.stringify(state), 'utf8').toString('base64');
  return `<!-- goarch:state ${encoded} ${seal.sign(encoded)} -->`;
}
