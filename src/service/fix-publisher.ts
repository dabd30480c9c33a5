import type { RepoRef } from './repo-ref.js';

/** Open a pull request that applies the fix for one incident of a workflow run (the same path as the `/goarch fix` comment). */
export interface FixPullRequestRequest {
  repo: RepoRef;
  runId: number;
  fingerprint: string;
  /** Who asked, e.g. `slack:U012ABCDEF`, for the pull request body and the logs. */
  requestedBy: string;
}

export type FixPullRequestResult =
  | { ok: true; url: string; created: boolean }
  /** The fix could not be proposed (no strategy applies, autofix is off for the repository...): `reason` is shown to the user. */
  | { ok: false; reason: string };

/**
 * The port through which adapters open fix pull requests. Implemented over the GitHub App by
 * `githubFixPublisher` (src/github), which requires the repository's `autofix: true` and runs the
 * `openFixPr` use case; without a GitHub App the composition root passes null and adapters say that
 * fix PRs are not available.
 */
export interface FixPublisher {
  openFixPullRequest(request: FixPullRequestRequest): Promise<FixPullRequestResult>;
}
