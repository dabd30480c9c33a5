/** Stable codes of the use cases' failures; `describeServiceError` maps them to what the user reads (STYLE §10). */
export type ServiceErrorCode =
  /** The job log is gone (GitHub answered 404 or 410: expired, deleted, or never kept). */
  | 'log-gone'
  /** Another job claimed the incident first and has not posted yet: retry later and edit its post. */
  | 'incident-post-pending'
  /** The repository's .github/goarch.yml is invalid. */
  | 'repo-config-invalid'
  /** A fix pull request would have written to the default branch (or outside `goarch/fix-`): refused. */
  | 'unsafe-branch'
  /** A queued job's payload does not match its schema (an old or foreign job): dropped, not retried. */
  | 'job-payload-invalid'
  /** No adapter registered a handler for the job's kind. */
  | 'job-kind-unknown'
  /** A run a person pointed at (`RunDiagnoser`): the CI host's app is not installed on its repository. */
  | 'app-not-installed'
  /** The CI host has no such run (deleted, or a typo in the URL). */
  | 'run-not-found'
  /** The job of a job URL is not in its run's latest attempt. */
  | 'job-not-in-run'
  /** The repository is not public and the asker may see public repositories only. */
  | 'private-repo';

export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  /** Whether running the same job again can succeed. */
  readonly retryable: boolean;

  constructor(code: ServiceErrorCode, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ServiceError';
    this.code = code;
    this.retryable = options.retryable;
  }
}
