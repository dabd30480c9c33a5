import type { DiagnoseSource } from './diagnose-in-channel.js';
import type { GoarchRequest } from './parse-goarch-text.js';

/** What a diagnose request reads, or null when it is not one. */
export function sourceOf(request: GoarchRequest): DiagnoseSource | null {
  if (request.kind === 'diagnose-url') return { kind: 'url', url: request.url };
  if (request.kind === 'diagnose-text') return { kind: 'text', text: request.text };
  return null;
}
