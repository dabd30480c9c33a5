import type { GithubClient } from './github-client.js';
import { parseRepoConfig, REPO_CONFIG_PATH } from '../service/repo-config.js';
import type { RepoConfigResult } from '../service/repo-config.js';

/**
 * `.github/goarch.yml` through Probot's config loader (the same as `context.config`): the repository's
 * file, else the organisation's `.github` repository, `_extends` honoured; default branch only.
 * YAML that does not parse is reported like a bad key; HTTP failures are thrown (the job retries).
 */
export async function loadRepoConfig(octokit: GithubClient, owner: string, repo: string): Promise<RepoConfigResult> {
  let config: unknown;
  try {
    ({ config } = await octokit.config.get({ owner, repo, path: REPO_CONFIG_PATH }));
  } catch (error) {
    if (typeof (error as { status?: unknown }).status === 'number') throw error;
    return { ok: false, key: '(file)', message: 'is not valid YAML' };
  }
  return parseRepoConfig(config);
}
