import type { FailureClass } from './failure-class.js';
import type { NearestCause, Verdict } from './nearest-cause.js';
import type { Situation } from '../diagnose/situation.js';

/** A GOOS/GOARCH pair as read from a log. Either half may be unknown. */
export interface Platform {
  goos: string | null;
  goarch: string | null;
  /** GOARM-style variant ("v7") or OCI platform variant ("v8") when the log shows one. */
  variant?: string | null;
}

/** One line of the original log that proves the incident. `line` is 1-based in the original log. */
export interface EvidenceLine {
  line: number;
  text: string;
}

/** An ordered list of shell commands that a person runs one after another. */
export interface FixPlan {
  /** One sentence: what the fix does. */
  summary: string;
  /** Runnable as printed, in order. */
  commands: string[];
  /** When this fix is the right one (alternatives only; the best fix may leave it out). */
  when?: string;
}

/** One architecture failure found in a log. */
export interface Incident {
  class: FailureClass;
  /** The id of the rule that matched (file name in rules/ without extension). */
  ruleId: string;
  title: string;
  /** Stable across runs of the same incident; different when the root cause differs. */
  fingerprint: string;
  /** 0..1 */
  confidence: number;
  evidence: EvidenceLine[];
  host: Platform | null;
  target: Platform | null;
  /** The command whose failure the evidence belongs to, when the log shows it. */
  failingCommand: string | null;
  /** Name of the CI step (the `Run ...` group title or job step) when known. */
  step: string | null;
  /** Named captures of the rule and context facts: lib, binary, goarch, platform, cc, elfClass... */
  facts: Record<string, string>;
  /** Why this happens, in plain words (from the rule). */
  explanation: string;
  fix: FixPlan;
  /** Other good fixes, best first, each saying when it applies. */
  alternatives: FixPlan[];
  /** The facts the fix was planned from, each with where it came from (set by the engine). */
  situation?: Situation;
}

/** The result of scanning one log. */
export interface Diagnosis {
  incidents: Incident[];
  /** Number of lines read. */
  lines: number;
  /** Number of bytes read. */
  bytes: number;
  /** True when the scan stopped at a byte limit before the end of the log. */
  truncated: boolean;
  /** Set by the engine; derive it with `verdictOf` where a Diagnosis is built by hand. */
  verdict?: Verdict;
  /** The look-alike the log shows, when it is not an architecture problem (verdict `not-architecture`). */
  nearest?: NearestCause | null;
}

/** The verdict of a diagnosis: architecture incidents win over a look-alike. */
export function verdictOf(d: Pick<Diagnosis, 'incidents' | 'nearest'>): Verdict {
  if (d.incidents.length > 0) return 'architecture';
  return d.nearest ? 'not-architecture' : 'nothing-found';
}
