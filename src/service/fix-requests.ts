import type { Incident } from '../core/model/index.js';
import type { CiRun } from './ci-host.js';
import type { RepoRef } from './repo-ref.js';

/** A fix pull request to open later for one incident of a diagnosed run (autofix). */
export interface QueuedFix {
  repo: RepoRef;
  run: CiRun;
  /** The run's workflow file, checked editable (`workflowFilePath`). */
  workflowPath: string;
  incident: Incident;
}

/**
 * The port through which `handleFailedRun` defers fix pull requests to a job of their own: one per
 * incident and head commit (the adapter's job id makes a repeat a no-op). Resolves the job id.
 */
export interface FixRequests {
  enqueue(fix: QueuedFix): Promise<string>;
}
