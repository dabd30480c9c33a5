import type { GithubClient } from './github-client.js';
import { FIX_BRANCH_PREFIX } from '../service/fix-branch.js';
import type { RepoRef } from '../service/repo-ref.js';
import type { BranchPullRequest, FileCommit, RepoWriter } from '../service/repo-writer.js';

interface ApiPull {
  number: number;
  html_url: string;
  state: string;
  merged_at: string | null;
  head: { sha: string };
  body: string | null;
}

/**
 * Fix pull requests over an installation Octokit, with the Git data API: one tree and one commit on
 * the default branch head, a ref under `goarch/fix-` created or force-moved, the pull request opened
 * or edited. Any other ref is refused here as well as in the use case: the default branch is never written.
 * The app needs `contents: write`, `pull_requests: write` and `workflows: write` (app.yml).
 */
export function octokitRepoWriter(octokit: GithubClient): RepoWriter {
  const status = (error: unknown) => (error as { status?: unknown }).status;
  const guard = (branch: string) => {
    if (!branch.startsWith(FIX_BRANCH_PREFIX)) throw new Error(`refusing to move ${branch}: goarch only writes ${FIX_BRANCH_PREFIX}* branches`);
  };
  const findPullRequest = async (repo: RepoRef, branch: string): Promise<BranchPullRequest | null> => {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/pulls', { owner: repo.owner, repo: repo.repo, head: `${repo.owner}:${branch}`, state: 'all', per_page: 20 });
    const pulls = data as ApiPull[];
    const pull = pulls.find((p) => p.state === 'open') ?? pulls[0];
    if (pull === undefined) return null;
    return { number: pull.number, url: pull.html_url, state: pull.state === 'open' ? 'open' : 'closed', merged: pull.merged_at !== null, headSha: pull.head.sha, body: pull.body ?? '' };
  };
  return {
    async defaultBranch(repo: RepoRef) {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}', { owner: repo.owner, repo: repo.repo });
      const { data: branch } = await octokit.request('GET /repos/{owner}/{repo}/branches/{branch}', { owner: repo.owner, repo: repo.repo, branch: data.default_branch });
      return { name: data.default_branch, sha: branch.commit.sha, treeSha: branch.commit.commit.tree.sha };
    },
    async readFile(repo: RepoRef, path: string, ref: string | null) {
      try {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: repo.owner, repo: repo.repo, path, ...(ref === null ? {} : { ref }), mediaType: { format: 'raw' } });
        return typeof data === 'string' ? data : null;
      } catch (error) {
        if (status(error) === 404) return null;
        throw error;
      }
    },
    findPullRequest,
    async branchHead(repo: RepoRef, branch: string) {
      try {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner: repo.owner, repo: repo.repo, ref: `heads/${branch}` });
        return data.object.sha;
      } catch (error) {
        if (status(error) === 404) return null;
        throw error;
      }
    },
    async createCommit(repo: RepoRef, commit: FileCommit) {
      const { data: tree } = await octokit.request('POST /repos/{owner}/{repo}/git/trees', {
        owner: repo.owner,
        repo: repo.repo,
        base_tree: commit.baseTreeSha,
        tree: [{ path: commit.path, mode: '100644', type: 'blob', content: commit.content }],
      });
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/git/commits', { owner: repo.owner, repo: repo.repo, message: commit.message, tree: tree.sha, parents: [commit.parentSha] });
      return { sha: data.sha };
    },
    async pointBranch(repo: RepoRef, branch: string, sha: string, options: { exists: boolean }) {
      guard(branch);
      const move = () => octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner: repo.owner, repo: repo.repo, ref: `heads/${branch}`, sha, force: true });
      const create = () => octokit.request('POST /repos/{owner}/{repo}/git/refs', { owner: repo.owner, repo: repo.repo, ref: `refs/heads/${branch}`, sha });
      // A branch that appeared since it was checked is never force-moved (its head was not checked): the 422 is thrown.
      if (!options.exists) {
        await create();
        return;
      }
      // A branch deleted since it was checked: create it.
      try {
        await move();
      } catch (error) {
        if (status(error) !== 422) throw error;
        await create();
      }
    },
    async createPullRequest(repo: RepoRef, pr: { title: string; body: string; head: string; base: string }) {
      guard(pr.head);
      try {
        const { data } = await octokit.request('POST /repos/{owner}/{repo}/pulls', { owner: repo.owner, repo: repo.repo, title: pr.title, body: pr.body, head: pr.head, base: pr.base });
        return { number: data.number, url: data.html_url, existed: false };
      } catch (error) {
        // 422 "A pull request already exists": another job for the same incident opened it a moment ago.
        if (status(error) !== 422) throw error;
        const open = await findPullRequest(repo, pr.head);
        if (open === null || open.state !== 'open') throw error;
        return { number: open.number, url: open.url, existed: true };
      }
    },
    async updatePullRequest(repo: RepoRef, number: number, pr: { title: string; body: string }) {
      await octokit.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { owner: repo.owner, repo: repo.repo, pull_number: number, title: pr.title, body: pr.body });
    },
  };
}
