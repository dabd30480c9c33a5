import type { Incident } from '../model/index.js';
import { diffLines, splitLines } from './diff-lines.js';
import { fixStrategies } from './fix-strategies.js';
import { locateFailingStep } from './locate-failing-step.js';
import type { PatchOptions } from './patch-options.js';
import { DEFAULT_PATCH_OPTIONS } from './patch-options.js';
import { applyTextEdits } from './text-edit.js';
import { outlineWorkflow } from './workflow-outline.js';
import { WorkflowSource } from './workflow-source.js';

/** Why no edit was proposed, as a stable code (the CLI maps `invalid-workflow` to exit code 2). */
export type NoSafeEditCode = 'invalid-workflow' | 'no-strategy' | 'not-applicable' | 'unsafe-result';

export type PatchResult =
  | { status: 'patched'; text: string; explanation: string[]; strategy: string; changedLines: number }
  | { status: 'no-safe-edit'; code: NoSafeEditCode; reason: string };

function commentLines(text: string): string[] {
  return splitLines(text)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#'));
}

/** True when every comment line of `before` is still in `after` (as a multiset). */
function keepsComments(before: string, after: string): boolean {
  const remaining = new Map<string, number>();
  for (const line of commentLines(after)) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  for (const line of commentLines(before)) {
    const left = remaining.get(line) ?? 0;
    if (left === 0) return false;
    remaining.set(line, left - 1);
  }
  return true;
}

/**
 * Edits a GitHub Actions workflow so the failing platform builds. Pure: text and incident in, text out.
 *
 * 1. Parse the workflow (YAML Document API, node ranges kept) and outline its jobs and steps.
 * 2. Find the step the incident's step title or failing command points at (ignored when ambiguous).
 * 3. Try the strategies registered for the incident's class, in registry order.
 * 4. Apply the first strategy's edits to the original text, so untouched lines stay byte for byte.
 * 5. Check the result: still one valid YAML document, every comment kept, few lines changed.
 * The caller validates the result against the workflow schema (validateWorkflow) before proposing it.
 * Bad options (an unknown strategy id, a non-positive maxChangedLines) are programming errors and throw.
 */
export function patchWorkflow(workflowText: string, incident: Incident, options: PatchOptions = {}): PatchResult {
  const settings: Required<PatchOptions> = { ...DEFAULT_PATCH_OPTIONS, ...options };
  if (settings.strategy !== '' && !fixStrategies.some((s) => s.id === settings.strategy)) {
    throw new Error(`patchWorkflow: unknown strategy '${settings.strategy}' (known: ${fixStrategies.map((s) => s.id).join(', ')})`);
  }
  if (!Number.isInteger(settings.maxChangedLines) || settings.maxChangedLines < 1) {
    throw new Error(`patchWorkflow: maxChangedLines must be a positive integer, got ${settings.maxChangedLines}`);
  }
  const source = WorkflowSource.parse(workflowText);
  if (!(source instanceof WorkflowSource)) {
    return { status: 'no-safe-edit', code: 'invalid-workflow', reason: `the workflow is not valid YAML: ${source.errors[0] ?? 'parse error'}` };
  }
  const outline = outlineWorkflow(source);
  if (outline.jobs.length === 0) {
    return { status: 'no-safe-edit', code: 'invalid-workflow', reason: 'the file has no jobs: it is not a GitHub Actions workflow' };
  }
  // A step title that matches equally well in two jobs says nothing about which job failed:
  // strategies then fall back to whole-file rules that refuse to guess between candidates.
  const located = locateFailingStep(outline, incident);
  const failing = located?.ambiguous ? null : located;

  const candidates = fixStrategies.filter(
    (s) => s.classes.includes(incident.class) && (settings.strategy === '' || s.id === settings.strategy),
  );
  if (candidates.length === 0) {
    return { status: 'no-safe-edit', code: 'no-strategy', reason: `no workflow edit fixes a ${incident.class} incident; the fix is outside the workflow` };
  }

  const reasons: string[] = [];
  for (const strategy of candidates) {
    const outcome = strategy.apply({ source, outline, incident, failing, options: settings });
    if (outcome.kind === 'skip') {
      reasons.push(`${strategy.id}: ${outcome.reason}`);
      continue;
    }
    const text = applyTextEdits(workflowText, outcome.edits);
    const problem = checkResult(workflowText, text, settings.maxChangedLines);
    if (typeof problem === 'string') {
      reasons.push(`${strategy.id}: ${problem}`);
      continue;
    }
    const where = failing ? [`The failing step is '${failing.step.name ?? failing.step.uses ?? failing.step.run?.split('\n')[0] ?? ''}' in job '${failing.job.id}' (found by ${failing.matchedBy}).`] : [];
    return { status: 'patched', text, explanation: [...where, ...outcome.explanation], strategy: strategy.id, changedLines: problem.changedLines };
  }
  const unsafe = reasons.some((r) => r.includes('(unsafe)'));
  return { status: 'no-safe-edit', code: unsafe ? 'unsafe-result' : 'not-applicable', reason: reasons.join('; ') };
}

function checkResult(before: string, after: string, maxChangedLines: number): { changedLines: number } | string {
  if (after === before) return 'the edit changes nothing (unsafe)';
  const parsed = WorkflowSource.parse(after);
  if (!(parsed instanceof WorkflowSource)) return `the edited file would not parse: ${parsed.errors[0] ?? ''} (unsafe)`;
  if (!keepsComments(before, after)) return 'the edit would drop a comment (unsafe)';
  const changedLines = diffLines(splitLines(before), splitLines(after)).filter((l) => l.kind !== 'equal').length;
  if (changedLines > maxChangedLines) return `the edit would change ${changedLines} lines, more than ${maxChangedLines} (unsafe)`;
  return { changedLines };
}
