import type { RepoRef } from './github-output.js';

/** Dedupe scope of an incident on GitHub: `owner/repo#<pr>` for a pull request, `owner/repo` otherwise (check runs add `@<sha>`). */
export function incidentScope(request: { repo: RepoRef; headSha: string }, pullRequest: number | null): string {
  const repo = `${request.repo.owner}/${request.repo.repo}`;
  return pullRequest === null ? repo : `${repo}#${pullRequest}`;
}
