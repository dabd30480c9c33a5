import type { LabPaths } from './lab-paths.js';

/** What every scenario run shares. */
export interface LabContext {
  paths: LabPaths;
  baseEnv: NodeJS.ProcessEnv;
  /** Directory with the sudo shim, when one is needed. */
  shimDir: string | null;
  /** CI=true: a missing toolchain or an unmet precondition is a failure, not a skip. */
  ci: boolean;
  mode: 'lab' | 'fixtures';
  /** Diagnose from the scenario's own expectation and referenceFix instead of the CLI. */
  reference: boolean;
}
