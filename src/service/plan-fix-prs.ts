import { unifiedDiff } from '../core/fix/unified-diff.js';
import type { FixNote } from './comment-state.js';
import type { RunIncident } from './diagnose-workflow-run.js';
import { fixBranch } from './fix-branch.js';
import type { RepoRef } from './repo-ref.js';
import type { WorkflowValidator } from './propose-workflow-fix.js';
import { proposeWorkflowFix } from './propose-workflow-fix.js';
import type { RepoWriter } from './repo-writer.js';

/**
 * With `autofix: true` or `dry-run`, before the diagnosis is published: which incidents get a fix pull request.
 * 1. read the run's workflow file on the default branch (gone: no incident gets one, and the note says so);
 * 2. propose a fix for each incident (the same patch and validation the pull request will make);
 * 3. note each: planned (branch, strategy, the diff; a dry run only shows it) or none (the reason, shown in the comment or check run).
 * The fix jobs recompute the patch on the branch head when they run.
 */
export async function planFixPrs(
  repo: RepoRef,
  workflowPath: string,
  incidents: readonly RunIncident[],
  options: { dryRun: boolean },
  deps: { writer: Pick<RepoWriter, 'readFile'>; validate: WorkflowValidator },
): Promise<RunIncident[]> {
  if (incidents.length === 0) return [];
  // 1. The workflow.
  const text = await deps.writer.readFile(repo, workflowPath, null);
  const planned: RunIncident[] = [];
  for (const item of incidents) {
    let fix: FixNote;
    if (text === null) {
      fix = { kind: 'none', reason: `the workflow file ${workflowPath} is not on the default branch` };
    } else {
      // 2. Propose.
      const proposal = await proposeWorkflowFix(text, [item.incident], workflowPath, deps.validate);
      // 3. Note.
      fix =
        proposal.status === 'patched'
          ? { kind: 'planned', branch: fixBranch(item.incident.fingerprint), strategy: proposal.strategy, diff: unifiedDiff(text, proposal.text, { oldName: `a/${workflowPath}`, newName: `b/${workflowPath}` }), dryRun: options.dryRun }
          : { kind: 'none', reason: proposal.reason };
    }
    planned.push({ ...item, fix });
  }
  return planned;
}
