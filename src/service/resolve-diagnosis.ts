import type { IncidentStore } from './incident-store.js';
import type { WorkflowRef } from './comment-state.js';
import { COMMENT_MARKER } from './comment-state.js';
import type { DiagnosisOutput } from './diagnosis-output.js';
import type { RepoRef } from './repo-ref.js';
import type { CiHost, RunHead } from './ci-host.js';
import { incidentScope } from './incident-scope.js';
import { readCommentState } from './read-comment-state.js';
import { renderPrComment } from './render-pr-comment.js';
import type { StateSeal } from './state-seal.js';

export interface ResolveRequest {
  repo: RepoRef;
  headSha: string;
  pullRequests: number[];
  /** The run's head when it is in a fork (whose event lists no pull request): they are looked up by it. Null otherwise. */
  forkHead?: RunHead | null;
  /** The workflow whose run succeeded. */
  workflow: WorkflowRef;
  runId: number | null;
  runUrl: string | null;
}

export interface ResolveDeps {
  /** For a fork's run only: its pull requests by head commit. */
  host?: Pick<CiHost, 'pullRequestsOf'>;
  store: IncidentStore;
  output: DiagnosisOutput;
  /** Signs the state kept in goarch's comment and checks it when read back. */
  seal: StateSeal;
  now: () => number;
}

/**
 * A run of a workflow succeeded on pull requests: mark what that workflow had failed with as resolved.
 * 0. a fork's run lists no pull request: find them by its head commit;
 * 1. find goarch's comment on each pull request (none: nothing to do);
 * 2. pick its open incidents that came from this workflow (none: nothing to do);
 * 3. mark them resolved in the store (the next failure starts a new incident) and in the comment.
 * Returns the fingerprints resolved.
 */
export async function resolveDiagnosis(request: ResolveRequest, deps: ResolveDeps): Promise<string[]> {
  const resolved: string[] = [];
  // 0. A fork's pull requests.
  const pullRequests = request.pullRequests.length === 0 && request.forkHead !== undefined && request.forkHead !== null && deps.host !== undefined ? await deps.host.pullRequestsOf(request.repo, request.forkHead) : request.pullRequests;
  for (const pullRequest of pullRequests) {
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
