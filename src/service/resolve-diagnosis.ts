import type { IncidentStore } from './incident-store.js';
import type { WorkflowRef } from './comment-state.js';
import { COMMENT_MARKER } from './comment-state.js';
import type { DiagnosisOutput } from './diagnosis-output.js';
import type { RepoRef } from './repo-ref.js';
import { incidentScope } from './incident-scope.js';
import { readCommentState } from './read-comment-state.js';
import { renderPrComment } from './render-pr-comment.js';
import type { StateSeal } from './state-seal.js';

export interface ResolveRequest {
  repo: RepoRef;
  headSha: string;
  pullRequests: number[];
  /** The workflow whose run succeeded. */
  workflow: WorkflowRef;
  runId: number | null;
  runUrl: string | null;
}

export interface ResolveDeps {
  store: IncidentStore;
  output: DiagnosisOutput;
  /** Signs the state kept in goarch's comment and checks it when read back. */
  seal: StateSeal;
  now: () => number;
}

/**
 * A run of a workflow succeeded on pull requests: mark what that workflow had failed with as resolved.
 * 1. find goarch's comment on each pull request (none: nothing to do);
 * 2. pick its open incidents that came from this workflow (none: nothing to do);
 * 3. mark them resolved in the store (the next failure starts a new incident) and in the comment.
 * Returns the fingerprints resolved.
 */
export async function resolveDiagnosis(request: ResolveRequest, deps: ResolveDeps): Promise<string[]> {
  const resolved: string[] = [];
  for (const pullRequest of request.pullRequests) {
    // 1. The comment.
    const comment = await deps.output.findComment(request.repo, pullRequest, COMMENT_MARKER);
    if (comment === null) continue;
    // 2. Its open incidents from this workflow.
    const state = readCommentState(comment.body, deps.seal);
    const open = state.entries.filter((entry) => entry.resolved === null && entry.workflow.id === request.workflow.id);
    if (open.length === 0) continue;
    // 3. Resolve them.
    const at = deps.now();
    for (const entry of open) {
      await deps.store.markResolved(incidentScope(request, pullRequest, deps.output.scopePrefix), entry.fingerprint, at);
      entry.resolved = { at, runId: request.runId, runUrl: request.runUrl };
      resolved.push(entry.fingerprint);
    }
    await deps.output.updateComment(request.repo, comment.id, renderPrComment(state, { embedState: true, seal: deps.seal, maxChars: deps.output.maxBodyChars }));
  }
  return resolved;
}
