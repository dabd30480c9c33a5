/** What the lab found for one scenario. */
export interface ScenarioResult {
  name: string;
  kind: 'positive' | 'control';
  /** The expected class, or `none` for a control. */
  expected: string;
  /** The class of the first incident, `none` for no incident, `-` when not diagnosed. */
  got: string;
  /** Host and target as expected (null: not checked). */
  platformOk: boolean | null;
  /** Fix commands green (null: not run). */
  fixOk: boolean | null;
  status: 'passed' | 'failed' | 'skipped';
  problems: string[];
  /** Exit code of the failing step, when it ran. */
  exitCode: number | null;
  durationMs: number;
}
