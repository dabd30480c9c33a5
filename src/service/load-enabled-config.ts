import type { DiagnosisOutput } from './diagnosis-output.js';
import type { RepoRef } from './repo-ref.js';
import type { CiHost } from './ci-host.js';
import { CHECK_NAME } from './publish-diagnosis.js';
import type { RepoConfig } from './repo-config.js';
import { REPO_CONFIG_PATH } from './repo-config.js';

export type EnabledConfig = { status: 'enabled'; config: RepoConfig } | { status: 'invalid'; key: string } | { status: 'disabled' };

/**
 * The repository's config for a diagnosis:
 * 1. load it from the CI host;
 * 2. invalid: say so with a check run on `headSha` (a user mistake is reported, not thrown) and stop;
 * 3. `enabled: false`: stop quietly.
 */
export async function loadEnabledConfig(repo: RepoRef, headSha: string, deps: { host: Pick<CiHost, 'loadRepoConfig'>; output: Pick<DiagnosisOutput, 'createCheckRun'> }): Promise<EnabledConfig> {
  // 1. Load.
  const result = await deps.host.loadRepoConfig(repo);
  // 2. Invalid.
  if (!result.ok) {
    await deps.output.createCheckRun(repo, headSha, CHECK_NAME, {
      conclusion: 'neutral',
      title: `Invalid ${REPO_CONFIG_PATH}: ${result.key}`,
      summary: `goarch did not run: in \`${REPO_CONFIG_PATH}\`, \`${result.key}\` ${result.message}.\n\nFix the file on the default branch; the next failed run is diagnosed with it. Comment \`/goarch help\` on a pull request for the settings.`,
    });
    return { status: 'invalid', key: result.key };
  }
  // 3. Disabled.
  if (!result.config.enabled) return { status: 'disabled' };
  return { status: 'enabled', config: result.config };
}
