import type { FailureClass, Incident } from '../model/index.js';
import type { FailingStep } from './locate-failing-step.js';
import type { PatchOptions } from './patch-options.js';
import type { TextEdit } from './text-edit.js';
import type { WorkflowOutline } from './workflow-outline.js';
import type { WorkflowSource } from './workflow-source.js';

/** What a strategy sees: the workflow (text, Document, outline), the incident and where it happened. */
export interface StrategyContext {
  source: WorkflowSource;
  outline: WorkflowOutline;
  incident: Incident;
  /** The step the incident's step title or failing command points at, when one matches. */
  failing: FailingStep | null;
  options: Required<PatchOptions>;
}

/** A strategy either proposes edits with the reasons for them, or says why it does not apply. */
export type StrategyOutcome =
  | { kind: 'edit'; edits: TextEdit[]; explanation: string[] }
  | { kind: 'skip'; reason: string };

/** A small workflow and incident the strategy must fix (and one it must leave alone); the registry test runs them. */
export interface StrategyExample {
  workflow: string;
  incident: Pick<Incident, 'class'> & Partial<Incident>;
  /** Substrings the patched workflow must contain (for `fixes`) — unused for `leaves`. */
  expect: string[];
}

/** One way of editing a workflow to fix one kind of architecture failure. */
export interface FixStrategy {
  /** Stable id, equal to the file name in strategies/. */
  id: string;
  /** One line: what the edit does. */
  summary: string;
  /** Failure classes the strategy is tried for, in registry order. */
  classes: readonly FailureClass[];
  apply(context: StrategyContext): StrategyOutcome;
  examples: { fixes: StrategyExample; leaves: StrategyExample };
}
