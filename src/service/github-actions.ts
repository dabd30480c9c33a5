/** A workflow run on GitHub Actions. */
export interface WorkflowRunRef {
  owner: string;
  repo: string;
  runId: number;
}

/** One job of a workflow run, as the use cases need it. */
export interface ActionsJob {
  id: number;
  name: string;
  /** `failure`, `success`, `cancelled`, `timed_out`..., null while running. */
  conclusion: string | null;
  /** The job's page, e.g. https://github.com/o/r/actions/runs/1/job/2. */
  url: string;
  /** The `number` of the first failed step, when the job reports one (links go to `#step:<n>:1`). */
  failedStep: number | null;
}

/**
 * The port to GitHub Actions that `diagnoseWorkflowRun` reads through. Implemented over Octokit in
 * src/github (`octokitActions`); a Slack adapter reuses the same implementation with its own sink.
 */
export interface GithubActions {
  listJobs(run: WorkflowRunRef): Promise<ActionsJob[]>;
  /** The job's raw log as a byte stream, never buffered whole. Throws `ServiceError('log-gone')` on 404/410. */
  openJobLog(run: WorkflowRunRef, jobId: number): Promise<AsyncIterable<Uint8Array>>;
}
