import type { RunDiagnosis } from './diagnose-workflow-run.js';

/** A CI run (and optionally one of its jobs) named by a URL a person pasted. */
export interface RunTarget {
  owner: string;
  repo: string;
  runId: number;
  jobId: number | null;
  /** The canonical link: the job's page for a job URL, else the run's. */
  url: string;
}

/**
 * The port through which a chat tool diagnoses a run it was pointed at: the failed jobs of the run (only
 * `target.jobId` when set). Implemented per CI host (GitHub: `githubRunDiagnoser` in src/github) and injected
 * by the composition root. Throws `ServiceError` with `app-not-installed`, `run-not-found`, `job-not-in-run`,
 * or, with `publicOnly`, `private-repo` for a repository that is not public (nothing of it is read).
 */
export type RunDiagnoser = (target: RunTarget, options: { publicOnly: boolean }) => Promise<RunDiagnosis>;
