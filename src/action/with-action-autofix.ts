import type { CiHost } from '../service/ci-host.js';

/**
 * The CI host with the Action's fix policy over the repository's `autofix`: the workflow patch is always
 * proposed and shown as a diff in the comment (`dry-run`), and opened as a pull request only when the
 * workflow gave a `fix-token` (one that may edit workflows, which GITHUB_TOKEN cannot): giving it is the
 * consent. `enabled`, `classes`, `output` and the rest of `.github/goarch.yml` are kept.
 */
export function withActionAutofix(host: CiHost, options: { fixPullRequests: boolean }): CiHost {
  return {
    ...host,
    async loadRepoConfig(repo) {
      const loaded = await host.loadRepoConfig(repo);
      if (!loaded.ok) return loaded;
      return { ok: true, config: { ...loaded.config, autofix: options.fixPullRequests ? true : 'dry-run' } };
    },
  };
}
