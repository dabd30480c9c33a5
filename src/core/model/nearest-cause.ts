/**
 * The causes of failures that look like a CPU-architecture problem and are not one (the guide's chapter 3
 * and the common others). These ids are a public contract: `nearest.cause` in the JSON output and the
 * `cause:` of look-alike rules.
 */
export const NEAREST_CAUSES = [
  'module-checksum-mismatch',
  'module-download-failed',
  'stale-cache',
  'dependency-version-conflict',
  'c-compiler-missing',
  'c-library-missing',
  'script-no-shebang',
  'script-crlf',
  'permission-denied',
  'libc-mismatch',
  'out-of-memory',
  'compile-error',
  'test-failure',
] as const;

export type NearestCauseId = (typeof NEAREST_CAUSES)[number];

/** What the rule of a look-alike says to do: one line, and the command that usually fixes it. */
export interface LookalikeHint {
  summary: string;
  command?: string;
}

/** The failure a log shows when it is not an architecture problem, with the lines that prove it. */
export interface NearestCause {
  cause: NearestCauseId;
  ruleId: string;
  title: string;
  evidence: Array<{ line: number; text: string }>;
  hint: LookalikeHint;
}

/** `architecture`: incidents were found; `not-architecture`: a look-alike was recognised; `nothing-found`: neither. */
export type Verdict = 'architecture' | 'not-architecture' | 'nothing-found';
