import { checkWorkflowFacts } from '../core/fix/check-workflow-facts.js';
import { patchWorkflow } from '../core/fix/patch-workflow.js';
import type { NoSafeEditCode } from '../core/fix/patch-workflow.js';
import type { WorkflowValidation } from '../core/fix/validate-workflow.js';
import type { Incident } from '../core/model/index.js';

/** Checks a workflow against GitHub's schema (`validateWorkflow`; the entry registers its JSON import hook first). */
export type WorkflowValidator = (text: string, fileName: string) => Promise<WorkflowValidation>;

/** Why no edit is proposed: the patcher's codes, no incident at all, or a result GitHub's parser refuses. */
export type NoFixCode = NoSafeEditCode | 'no-incident' | 'invalid-result' | 'unknown-facts';

export type WorkflowFixProposal =
  | { status: 'patched'; incident: Incident; text: string; explanation: string[]; strategy: string; changedLines: number }
  | { status: 'no-safe-edit'; code: NoFixCode; reason: string };

/**
 * The first safe workflow edit for a list of incidents (the CLI's `fix` and the fix pull requests share it):
 * 1. no incident: nothing to fix;
 * 2. patch the workflow for each incident in order, only when every fact the edit may write is a known
 *    value (`checkWorkflowFacts`: log text never becomes workflow code); a workflow that does not parse stops here;
 * 3. validate each patched text with GitHub's workflow parser; the first valid one is the proposal;
 * 4. none: the reasons of every incident, joined, say why no edit is proposed.
 */
export async function proposeWorkflowFix(workflowText: string, incidents: readonly Incident[], fileName: string, validate: WorkflowValidator): Promise<WorkflowFixProposal> {
  // 1. Nothing to fix.
  if (incidents.length === 0) return { status: 'no-safe-edit', code: 'no-incident', reason: 'goarch found no CPU-architecture problem in the log' };
  const reasons: string[] = [];
  let code: NoFixCode = 'no-strategy';
  for (const incident of incidents) {
    // 2. Patch, from known values only.
    const facts = checkWorkflowFacts(incident);
    if (!facts.ok) {
      reasons.push(`${incident.class}: the log's ${facts.field} is not a value goarch knows, so goarch does not write it into a workflow`);
      code = 'unknown-facts';
      continue;
    }
    const patch = patchWorkflow(workflowText, incident);
    if (patch.status === 'no-safe-edit') {
      if (patch.code === 'invalid-workflow') return { status: 'no-safe-edit', code: patch.code, reason: patch.reason };
      reasons.push(`${incident.class}: ${patch.reason}`);
      if (patch.code !== 'no-strategy') code = patch.code;
      continue;
    }
    // 3. Validate.
    const validation = await validate(patch.text, fileName);
    if (!validation.valid) {
      reasons.push(`${incident.class}: the edited workflow would not pass GitHub's workflow parser (${validation.errors[0] ?? 'invalid'})`);
      code = 'invalid-result';
      continue;
    }
    return { status: 'patched', incident, text: patch.text, explanation: patch.explanation, strategy: patch.strategy, changedLines: patch.changedLines };
  }
  // 4. No safe edit.
  return { status: 'no-safe-edit', code, reason: unique(reasons).join('; ') };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
