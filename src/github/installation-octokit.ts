import type { Probot, ProbotOctokit } from 'probot';

/**
 * The installation client of the GitHub App on one repository (Probot's: retries, throttling, GHE base
 * URL), found with the App JWT; null when the App is not installed there.
 */
export async function installationOctokit(probot: Pick<Probot, 'auth'>, repo: { owner: string; repo: string }): Promise<ProbotOctokit | null> {
  const app = await probot.auth();
  try {
    const { data } = await app.request('GET /repos/{owner}/{repo}/installation', { owner: repo.owner, repo: repo.repo });
    return await probot.auth(data.id);
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return null;
    throw error;
  }
}
