import type { FailureClass } from '../model/failure-class.js';
import type { FixPlan, Platform } from '../model/incident.js';
import type { StepInfo } from '../scan/context-tracker.js';
import type { Situation } from './situation.js';

/** Everything a fix strategy may use: facts read from the log, never guesses about the machine. */
export interface FixContext {
  class: FailureClass;
  facts: Record<string, string>;
  host: Platform | null;
  target: Platform | null;
  /** The build is for another platform than the machine (true/false), or the log does not say (null): build-incidents' isCross. */
  cross: boolean | null;
  failingCommand: string | null;
  step: StepInfo | null;
  /** The go invocation that built or ran the failing code (`go build -o bin/app ./cmd/app`), with its env prefix. */
  goCommand: string | null;
  /** The container build or run command of the step (`docker buildx build --platform linux/arm64 .`). */
  dockerCommand: string | null;
  docker: boolean;
  /** Native build commands seen in the log (make, cc...), oldest first. */
  buildCommands: string[];
  /** The evidence lines joined, for strategies that look for a package or library name. */
  evidenceText: string;
  /** The facts the plan is a function of, with provenance. */
  situation: Situation;
}

/** A fix strategy for one class: best fix first, then ranked alternatives. */
export interface FixStrategy {
  readonly class: FailureClass;
  build(ctx: FixContext): { fix: FixPlan; alternatives: FixPlan[] };
}
