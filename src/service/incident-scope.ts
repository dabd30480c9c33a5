import type { RepoRef } from './repo-ref.js';

/**
 * Dedupe scope of an incident on a CI host: `<prefix>owner/repo#<pr>` for a pull request, `<prefix>owner/repo`
 * otherwise (check runs add `@<sha>`). The prefix is the output's (`DiagnosisOutput.scopePrefix`; GitHub's is empty).
 */
export function incidentScope(request: { repo: RepoRef; headSha: string }, pullRequest: number | null, prefix = ''): string {
  const repo = `${prefix}${request.repo.owner}/${request.repo.repo}`;
  return pullRequest === null ? repo : `${repo}#${pullRequest}`;
}
