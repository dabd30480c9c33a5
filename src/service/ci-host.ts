import type { RepoRef } from './repo-ref.js';
import type { RepoConfigResult } from './repo-config.js';

/** A run of a CI pipeline (a GitHub Actions workflow run, a GitLab pipeline...). */
export interface RunRef {
  owner: string;
  repo: string;
  runId: number;
}

/** One job of a run, as the use cases need it. */
export interface CiJob {
  id: number;
  name: string;
  /** `failure` and `timed_out` are diagnosed; `success`, `cancelled`..., null while running. Hosts map their own words onto these. */
  conclusion: string | null;
  /** The job's page, e.g. https://github.com/o/r/actions/runs/1/job/2. */
  url: string;
  /** The number of the first failed step, when the job reports one (links go to `#step:<n>:1`). */
  failedStep: number | null;
}

/** What the use cases need to know about a run. */
export interface CiRun {
  runId: number;
  url: string | null;
  /** The workflow (pipeline definition) the run came from: its id, name and file (as the host reports it, possibly with a ref suffix). */
  workflowId: string;
  workflowName: string;
  workflowPath: string | null;
  headSha: string;
  pullRequests: number[];
}

/** The head of a run, to find its pull requests when the host's event carries none (a fork's pull request). */
export interface RunHead {
  sha: string;
  /** The branch and the owner of the repository it is in (a fork's owner), when known. */
  branch: string | null;
  owner: string | null;
}

/**
 * The port to a CI host: everything the use cases read from it. GitHub implements it in src/github
 * (`octokitCiHost`, the only place with raw API calls); a test double in test/service proves a second
 * host needs nothing else.
 */
export interface CiHost {
  /** Every job of the run (latest attempt); the use case keeps the failed ones. */
  listJobs(run: RunRef): Promise<CiJob[]>;
  /** The job's raw log as a byte stream, never buffered whole. Throws `ServiceError('log-gone')` when the host no longer has it. */
  openJobLog(run: RunRef, jobId: number): Promise<AsyncIterable<Uint8Array>>;
  /** The run (its workflow file among the rest); null when the host has no such run any more. */
  getRun(run: RunRef): Promise<CiRun | null>;
  /** The newest failed run on the head commit of a pull request; null when none. */
  latestFailedRun(repo: RepoRef, pullRequest: number): Promise<CiRun | null>;
  /** The repository's goarch config (default branch); a bad file is a result, not a throw. */
  loadRepoConfig(repo: RepoRef): Promise<RepoConfigResult>;
  /** A user's permission on the repository: `admin`, `write`, `read`, `none`... */
  permissionOf(repo: RepoRef, user: string): Promise<string>;
  /** The open pull requests whose head is this commit (for runs whose event lists none, e.g. from a fork). */
  pullRequestsOf(repo: RepoRef, head: RunHead): Promise<number[]>;
}

/** The part of a CI host that a diagnosis reads: jobs and logs. */
export type RunLogs = Pick<CiHost, 'listJobs' | 'openJobLog'>;
