import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { config } from '@probot/octokit-plugin-config';
import type { GithubClient } from './github-client.js';

/** The plugins Probot's Octokit has that the ports use: pagination, retries of 5xx, the config loader. */
const TokenOctokit = Octokit.plugin(paginateRest, retry, config);

export interface TokenOctokitOptions {
  /** A workflow's GITHUB_TOKEN, a fine-grained or classic personal access token, or an App installation token. */
  token: string;
  /** The REST API root (GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server). */
  baseUrl: string;
  userAgent: string;
}

/** An Octokit authenticated with a token, for the ports (`octokitCiHost`, `octokitOutput`, `octokitRepoWriter`) outside Probot. */
export function createTokenOctokit(options: TokenOctokitOptions): GithubClient {
  return new TokenOctokit({ auth: options.token, baseUrl: options.baseUrl.replace(/\/+$/, ''), userAgent: options.userAgent });
}
