import type { RunDiagnosis } from '../service/diagnose-workflow-run.js';
import type { RunTarget } from './parse-run-url.js';

/** Diagnoses the failed jobs of a run (only `target.jobId` when set). Throws `SlackError` for what the user must fix. */
export type RunDiagnoser = (target: RunTarget) => Promise<RunDiagnosis>;
