import type { ProbotOctokit } from 'probot';

/**
 * The part of an Octokit the port implementations call: `request`, `paginate` and the config loader.
 * Probot's installation Octokit has it (the App); so has the token Octokit of `createTokenOctokit`
 * (the Action, where a workflow token authenticates and Probot is not bundled).
 */
export type GithubClient = Pick<ProbotOctokit, 'request' | 'paginate' | 'config'>;
