import { createHash } from 'node:crypto';
import type { Incident } from '../core/model/index.js';
import { fixBranch, FIX_BRANCH_PREFIX } from './fix-branch.js';
import type { RepoRef } from './repo-ref.js';
import type { NoFixCode, WorkflowValidator } from './propose-workflow-fix.js';
import { proposeWorkflowFix } from './propose-workflow-fix.js';
import type { FixPrState, FixTrigger } from './render-fix-pr-body.js';
import { fixPrTitle, readFixPrState, renderFixPrBody } from './render-fix-pr-body.js';
import type { RepoWriter } from './repo-writer.js';
import { ServiceError } from './service-error.js';

export interface OpenFixPrRequest {
  repo: RepoRef;
  /** The workflow file of the failing run (`workflow_run.path`). */
  workflowPath: string;
  incident: Incident;
  run: { id: number; url: string | null; workflowName: string } | null;
  /** Pull requests whose runs showed the incident. */
  pullRequests: number[];
  trigger: FixTrigger;
}

export type OpenFixPrResult =
  | { status: 'opened' | 'updated' | 'unchanged'; number: number; url: string; branch: string }
  | { status: 'no-safe-edit'; code: NoFixCode | 'workflow-missing'; reason: string }
  /** A person decided: the fix PR was closed unmerged (autofix does not reopen it), or someone else pushed to its branch (which may have no pull request). */
  | { status: 'declined'; number: number | null; url: string | null; reason: string };

export interface OpenFixPrDeps {
  writer: RepoWriter;
  validate: WorkflowValidator;
}

/**
 * Opens (or keeps current) the one fix pull request of an incident:
 * 1. read the default branch head and the failing run's workflow file at it;
 * 2. patch it for the incident and validate the result (recomputed on the current content, so a file
 *    changed since the diagnosis is handled); no safe edit: no pull request, the reason is returned;
 * 3. find the pull request of branch `goarch/fix-<8 of fingerprint>`: closed unmerged and not asked for
 *    by a person, or pushed to by someone else: leave it; open with the same base and content: done;
 *    without an open one, a branch that exists must point at the commit goarch last made for it, else it is left alone;
 * 4. one commit with the patched file on the default branch head;
 * 5. point the branch at it (created, or force-moved: never the default branch);
 * 6. open the pull request, or edit the open one's title and body.
 */
export async function openFixPr(request: OpenFixPrRequest, deps: OpenFixPrDeps): Promise<OpenFixPrResult> {
  const { repo, incident, workflowPath } = request;
  // 1. The workflow at the default branch head.
  const base = await deps.writer.defaultBranch(repo);
  const before = await deps.writer.readFile(repo, workflowPath, base.sha);
  if (before === null) return { status: 'no-safe-edit', code: 'workflow-missing', reason: `${workflowPath} is not on the default branch (${base.name}) any more` };
  // 2. Patch and validate.
  const proposal = await proposeWorkflowFix(before, [incident], workflowPath, deps.validate);
  if (proposal.status === 'no-safe-edit') return proposal;
  const branch = fixBranch(incident.fingerprint);
  if (branch === base.name || !branch.startsWith(FIX_BRANCH_PREFIX)) {
    throw new ServiceError('unsafe-branch', `refusing to write to ${branch}: it is the default branch`, { retryable: false });
  }
  const content = createHash('sha256').update(proposal.text).digest('hex').slice(0, 16);
  // 3. The existing pull request.
  const existing = await deps.writer.findPullRequest(repo, branch);
  const open = existing !== null && existing.state === 'open' ? existing : null;
  if (existing !== null && open === null && !existing.merged && request.trigger.kind === 'autofix') {
    return { status: 'declined', number: existing.number, url: existing.url, reason: `fix pull request #${existing.number} for this incident was closed without merging; goarch does not open it again on its own (comment \`/goarch fix\` on a pull request to ask for it)` };
  }
  const previous = open === null ? null : readFixPrState(open.body);
  if (open !== null && previous?.head !== open.headSha) {
    return { status: 'declined', number: open.number, url: open.url, reason: `someone else pushed to ${branch} (#${open.number}); goarch leaves the branch alone` };
  }
  // A branch without an open pull request is moved only when its head is the commit goarch recorded for it.
  const head = open === null ? await deps.writer.branchHead(repo, branch) : open.headSha;
  if (open === null && head !== null && head !== (existing === null ? null : readFixPrState(existing.body)?.head)) {
    return { status: 'declined', number: null, url: null, reason: `${branch} exists and its head (${head.slice(0, 7)}) is not a commit goarch made; goarch leaves the branch alone (delete it to let goarch use it)` };
  }
  const title = fixPrTitle(incident, workflowPath);
  const render = (state: FixPrState) =>
    renderFixPrBody({ incident, workflowPath, before, after: proposal.text, explanation: proposal.explanation, strategy: proposal.strategy, changedLines: proposal.changedLines, branch, run: request.run, pullRequests: request.pullRequests, trigger: request.trigger, state });
  if (open !== null && previous !== null && previous.base === base.sha && previous.content === content) {
    return { status: 'unchanged', number: open.number, url: open.url, branch };
  }
  // 4. One commit.
  const message = `${title}\n\n${proposal.explanation.join('\n')}\n\nIncident fingerprint ${incident.fingerprint}, found by goarch.`;
  const commit = await deps.writer.createCommit(repo, { parentSha: base.sha, baseTreeSha: base.treeSha, path: workflowPath, content: proposal.text, message });
  // 5. The branch.
  await deps.writer.pointBranch(repo, branch, commit.sha, { exists: head !== null });
  // 6. The pull request.
  const body = render({ fingerprint: incident.fingerprint, base: base.sha, head: commit.sha, content });
  if (open !== null) {
    await deps.writer.updatePullRequest(repo, open.number, { title, body });
    return { status: 'updated', number: open.number, url: open.url, branch };
  }
  const created = await deps.writer.createPullRequest(repo, { title, body, head: branch, base: base.name });
  if (created.existed) {
    // A concurrent job for the same incident opened it first: this job moved the branch last, so its body describes the branch.
    await deps.writer.updatePullRequest(repo, created.number, { title, body });
    return { status: 'updated', number: created.number, url: created.url, branch };
  }
  return { status: 'opened', number: created.number, url: created.url, branch };
}
