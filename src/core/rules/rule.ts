import type { FailureClass } from '../model/failure-class.js';
import type { LookalikeHint, NearestCauseId } from '../model/nearest-cause.js';

/** A line that must (or must not) appear near the matched line. */
export interface ContextPattern {
  readonly regex: RegExp;
  source: string;
  /** How many lines away, at most. */
  within: number;
  /** true: the rule fires only if such a line is there; false: only if it is not. */
  present: boolean;
}

/** Conditions on what the whole log says about the build, checked once the log is read. */
export interface RuleConditions {
  /** Target and host platforms are both known and differ (true) or are known to be the same (false). */
  cross?: boolean;
  /** The line belongs to a container image build (BuildKit vertex, `Step n/m : RUN`, buildx summary). */
  docker?: boolean;
  /** cgo is off for the failing build: explicitly (CGO_ENABLED=0) or implicitly (cross-compiling without CC). */
  cgoOff?: boolean;
  /** false: the rule does not apply when target and host are known to be the same architecture. */
  sameArch?: boolean;
  /** true: the rule does not apply when the log shows a cross build (known different platforms). */
  native?: boolean;
  /** true: the log names the container's platform (--platform, a BuildKit stage's platform, platforms:, Docker's platform warning, an arch in the image name). */
  platformShown?: boolean;
  /** The machine the log ran on is known to be one of these GOARCHes (a Raspberry Pi: arm, arm64). */
  hostArch?: readonly string[];
}

/** A rule as loaded and compiled: immutable, safe to share. */
export interface Rule {
  id: string;
  file: string;
  /** An architecture failure class, or `not-architecture` for a look-alike rule. */
  class: FailureClass | 'not-architecture';
  /** Look-alike rules: the nearest real cause and its hint. */
  lookalike: { cause: NearestCauseId; hint: LookalikeHint } | null;
  title: string;
  priority: number;
  confidence: number;
  /** Lower-case literals; a line is only tried against the patterns when it contains one. */
  triggers: string[];
  /** Compiled on first use for rules loaded from the build's cache. */
  readonly patterns: RegExp[];
  /** The patterns as written in the rule file. */
  patternSources: string[];
  caseSensitive: boolean;
  before: ContextPattern[];
  after: ContextPattern[];
  when: RuleConditions;
  /** Constant facts the rule contributes (for example goos: darwin for a macOS linker message). */
  facts: Record<string, string>;
  /** Classes whose incidents are dropped when this rule produces one (they are symptoms of this one). */
  suppresses: FailureClass[];
  explanation: string;
  examples: { match: string[]; nomatch: string[] };
}
