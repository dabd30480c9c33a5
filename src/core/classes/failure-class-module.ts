import type { FixStrategy } from '../diagnose/fix-context.js';
import type { FailureClass } from '../model/failure-class.js';

/**
 * One failure class in one place: its id, what it is and why it happens (the README's table and the
 * docs come from here; a rule's own explanation is more specific and is what an incident shows), the
 * log evidence it is known by, and its fix planner (the commands of the fix and its alternatives).
 * Workflow patches for it are strategies in src/core/fix/strategies that list it in `classes`.
 */
export interface FailureClassModule<C extends FailureClass = FailureClass> {
  readonly id: C;
  /** What happened, in one line (the README's "what happened" column). */
  readonly summary: string;
  /** Why it happens, in general. */
  readonly explanation: string;
  /** Typical log lines it is known by (the README's "typical evidence"). */
  readonly evidence: readonly string[];
  /** The fix commands for an incident of this class. */
  readonly planFix: FixStrategy;
}
