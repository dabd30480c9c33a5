import type { RunDiagnosis } from '../service/diagnose-workflow-run.js';
import type { RunTarget } from './parse-run-url.js';

/**
 * Diagnoses the failed jobs of a run (only `target.jobId` when set). Throws `SlackError` for what the user
 * must fix; with `publicOnly`, `private-repo` for a repository that is not public (nothing of it is read).
 */
export type RunDiagnoser = (target: RunTarget, options: { publicOnly: boolean }) => Promise<RunDiagnosis>;
