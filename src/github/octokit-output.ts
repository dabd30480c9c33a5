import type { GithubClient } from './github-client.js';
import type { CheckRunOutput, DiagnosisOutput, IssueComment } from '../service/diagnosis-output.js';
import type { RepoRef } from '../service/repo-ref.js';

interface ApiComment {
  id: number;
  body?: string;
  html_url: string;
  user?: { type?: string; login?: string } | null;
  performed_via_github_app?: { id?: number } | null;
}

/** GitHub refuses comment bodies and check-run summaries over 65 536 characters. */
const GITHUB_MAX_BODY = 65_536;

/**
 * Who writes goarch's comments, so only those are taken for goarch's: the App by its id (APP_ID, read from
 * `performed_via_github_app`), or in the Action the account of its token (`github-actions[bot]` for the
 * workflow's GITHUB_TOKEN), by login.
 */
export type CommentAuthor = { appId: number } | { login: string };

/** PR comments and check runs over an Octokit; only comments written by `author` are goarch's. */
export function octokitOutput(octokit: GithubClient, author: CommentAuthor): DiagnosisOutput {
  const ours = (c: ApiComment) => ('appId' in author ? c.performed_via_github_app?.id === author.appId : c.user?.login?.toLowerCase() === author.login.toLowerCase());
  const comment = (c: ApiComment): IssueComment => ({ id: c.id, body: c.body ?? '', url: c.html_url });
  return {
    postKinds: { comment: 'github-comment', check: 'github-check' },
    // GitHub's records predate other hosts: their scopes stay `owner/repo#pr`.
    scopePrefix: '',
    maxBodyChars: GITHUB_MAX_BODY,
    async findComment(repo: RepoRef, pullRequest: number, marker: string) {
      const comments = (await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: repo.owner,
        repo: repo.repo,
        issue_number: pullRequest,
        per_page: 100,
      })) as ApiComment[];
      // Only a comment goarch's author wrote, starting with the marker: a person or another bot quoting the marker must not have their comment taken over or read.
      const found = comments.find((c) => ours(c) && c.body?.startsWith(marker) === true);
      return found === undefined ? null : comment(found);
    },
    async getComment(repo: RepoRef, commentId: number) {
      try {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner: repo.owner, repo: repo.repo, comment_id: commentId });
        const found = data as ApiComment;
        return ours(found) ? comment(found) : null;
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) return null;
        throw error;
      }
    },
    async createComment(repo: RepoRef, pullRequest: number, body: string) {
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: repo.owner, repo: repo.repo, issue_number: pullRequest, body });
      return comment(data as ApiComment);
    },
    async updateComment(repo: RepoRef, commentId: number, body: string) {
      await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner: repo.owner, repo: repo.repo, comment_id: commentId, body });
    },
    async createCheckRun(repo: RepoRef, headSha: string, name: string, output: CheckRunOutput) {
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
        owner: repo.owner,
        repo: repo.repo,
        name,
        head_sha: headSha,
        status: 'completed',
        conclusion: output.conclusion,
        output: { title: output.title, summary: output.summary },
      });
      return { id: Number(data.id), url: data.html_url ?? '' };
    },
    async updateCheckRun(repo: RepoRef, checkRunId: number, output: CheckRunOutput) {
      await octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        owner: repo.owner,
        repo: repo.repo,
        check_run_id: checkRunId,
        status: 'completed',
        conclusion: output.conclusion,
        output: { title: output.title, summary: output.summary },
      });
    },
  };
}
