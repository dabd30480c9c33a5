import type { GithubClient } from './github-client.js';
import type { CiHost, CiRun, RunHead, RunRef } from '../service/ci-host.js';
import type { RepoRef } from '../service/repo-ref.js';
import { loadRepoConfig } from './load-repo-config.js';
import { octokitActions } from './octokit-actions.js';

interface ApiRun {
  id: number;
  html_url?: string | null;
  workflow_id?: number;
  name?: string | null;
  path?: string | null;
  head_sha?: string;
  pull_requests?: { number: number }[] | null;
}

/**
 * The CI-host port over an installation Octokit (Probot's: retry and throttling plugins, GHE base URL; or the Action's token Octokit):
 * every GitHub REST call the use cases make goes through here (logs: `octokitActions`; config:
 * Probot's loader, `loadRepoConfig`). 404 means "not there" where the port says null or `none`.
 */
export function octokitCiHost(octokit: GithubClient): CiHost {
  const actions = octokitActions(octokit);
  return {
    listJobs: (run) => actions.listJobs(run),
    openJobLog: (run, jobId) => actions.openJobLog(run, jobId),
    async getRun(run: RunRef): Promise<CiRun | null> {
      try {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: run.owner, repo: run.repo, run_id: run.runId });
        return ciRun(data as ApiRun);
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },
    async latestFailedRun(repo: RepoRef, pullRequest: number): Promise<CiRun | null> {
      const { data: pr } = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner: repo.owner, repo: repo.repo, pull_number: pullRequest });
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs', { owner: repo.owner, repo: repo.repo, head_sha: pr.head.sha, status: 'failure', per_page: 1 });
      const run = data.workflow_runs[0];
      if (run === undefined) return null;
      // The pull request asked for it: that is where the diagnosis goes (the run may list none, e.g. from a fork).
      return { ...ciRun(run as ApiRun), headSha: pr.head.sha, pullRequests: [pullRequest] };
    },
    loadRepoConfig: (repo: RepoRef) => loadRepoConfig(octokit, repo.owner, repo.repo),
    async permissionOf(repo: RepoRef, user: string): Promise<string> {
      try {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { owner: repo.owner, repo: repo.repo, username: user });
        return data.permission;
      } catch (error) {
        if (statusOf(error) === 404) return 'none';
        throw error;
      }
    },
    async pullRequestsOf(repo: RepoRef, head: RunHead): Promise<number[]> {
      // A fork's pull request: `workflow_run.pull_requests` is empty, so look for open pull requests from the fork's branch with this head commit.
      if (head.branch === null || head.owner === null) return [];
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/pulls', { owner: repo.owner, repo: repo.repo, state: 'open', head: `${head.owner}:${head.branch}`, per_page: 10 });
      return data.filter((pr) => pr.head.sha === head.sha).map((pr) => pr.number);
    },
  };
}

function ciRun(run: ApiRun): CiRun {
  return {
    runId: Number(run.id),
    url: run.html_url ?? null,
    workflowId: String(run.workflow_id ?? ''),
    workflowName: run.name ?? '',
    workflowPath: run.path ?? null,
    headSha: run.head_sha ?? '',
    pullRequests: (run.pull_requests ?? []).map((pr) => pr.number),
  };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
