import type { RepoRef } from './repo-ref.js';

export interface IssueComment {
  id: number;
  body: string;
  url: string;
}

export interface CheckRunOutput {
  conclusion: 'neutral' | 'failure' | 'success';
  title: string;
  /** Markdown, at most the output's `maxBodyChars`. */
  summary: string;
}

/**
 * The port through which a diagnosis is published on a CI host: one marker comment per pull request and a
 * check run (a commit status) on the head commit. Besides the writes, it says how the host's posts are
 * kept: the post kinds recorded in the incident store, the prefix of its dedupe scopes and the largest
 * body the host takes. Implemented over Octokit in src/github (`octokitOutput`).
 */
export interface DiagnosisOutput {
  /** The kinds of post recorded in the incident store for this host (e.g. `github-comment`, `github-check`). */
  readonly postKinds: { comment: string; check: string };
  /** Prefix of this host's dedupe scopes (`owner/repo#pr`): empty for GitHub (its records predate hosts), e.g. `gitlab:` for another. */
  readonly scopePrefix: string;
  /** The longest comment or check summary the host accepts, in characters. */
  readonly maxBodyChars: number;
  /** The first comment of the pull request whose body contains `marker`, or null. */
  findComment(repo: RepoRef, pullRequest: number, marker: string): Promise<IssueComment | null>;
  /** Null when the comment was deleted. */
  getComment(repo: RepoRef, commentId: number): Promise<IssueComment | null>;
  createComment(repo: RepoRef, pullRequest: number, body: string): Promise<IssueComment>;
  updateComment(repo: RepoRef, commentId: number, body: string): Promise<void>;
  /** Creates a completed check run named `name` on `headSha`. */
  createCheckRun(repo: RepoRef, headSha: string, name: string, output: CheckRunOutput): Promise<{ id: number; url: string }>;
  updateCheckRun(repo: RepoRef, checkRunId: number, output: CheckRunOutput): Promise<void>;
}
