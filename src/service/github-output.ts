/** A repository on GitHub. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export interface IssueComment {
  id: number;
  body: string;
  url: string;
}

export interface CheckRunOutput {
  conclusion: 'neutral' | 'failure' | 'success';
  title: string;
  /** Markdown, at most 65 535 characters. */
  summary: string;
}

/**
 * The port through which the GitHub use cases write: PR comments and check runs. Implemented over
 * Octokit in src/github (`octokitOutput`).
 */
export interface GithubOutput {
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
