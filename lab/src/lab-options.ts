/** Command-line options of `lab/run-lab.ts`. */
export interface LabOptions {
  fixtures: boolean;
  only: string[];
  json: boolean;
  /** Use each scenario's expectation and `referenceFix` instead of the CLI: proves the scenarios and their fixes. */
  reference: boolean;
  /** The goarch CLI to run (default dist/cli.js). */
  cli: string | null;
}
