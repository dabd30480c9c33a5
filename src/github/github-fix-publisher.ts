import type { Probot } from 'probot';
import type { RuleSet } from '../core/rules/rule-set.js';
import { describeFixResult } from '../service/describe-fix-result.js';
import type { FixPublisher, FixPullRequestRequest, FixPullRequestResult } from '../service/fix-publisher.js';
import type { WorkflowValidator } from '../service/propose-workflow-fix.js';
import { REPO_CONFIG_PATH } from '../service/repo-config.js';
import { requestFixPr } from '../service/request-fix-pr.js';
import { installationOctokit } from './installation-octokit.js';
import { octokitCiHost } from './octokit-ci-host.js';
import { octokitRepoWriter } from './octokit-repo-writer.js';

export interface GithubFixPublisherDeps {
  probot: Pick<Probot, 'auth'>;
  rules: RuleSet;
  maxLogBytes: number;
  validate: WorkflowValidator;
  /** Monotonic ms, for scan durations. */
  monotonic?: () => number;
}

/**
 * The `FixPublisher` port over the GitHub App, for the Slack "Open fix PR" button (the Slack adapter
 * checks SLACK_FIX_ALLOWED_USERS first): the App's installation on the repository (not installed: say so),
 * then `requestFixPr` (the repository's `autofix: true`, the run's workflow file, the incident re-read
 * from its logs, the pull request), its result in the words the Slack user reads.
 */
export function githubFixPublisher(deps: GithubFixPublisherDeps): FixPublisher {
  const monotonic = deps.monotonic ?? (() => performance.now());
  return {
    async openFixPullRequest(request: FixPullRequestRequest): Promise<FixPullRequestResult> {
      const { repo } = request;
      const name = `${repo.owner}/${repo.repo}`;
      const octokit = await installationOctokit(deps.probot, repo);
      if (octokit === null) return { ok: false, reason: `the goarch GitHub App is not installed on ${name}` };
      const result = await requestFixPr(
        { repo, trigger: { kind: 'slack', user: request.requestedBy }, pullRequests: null, targets: async () => [{ runId: request.runId, fingerprint: request.fingerprint }] },
        { host: octokitCiHost(octokit), writer: octokitRepoWriter(octokit), validate: deps.validate, rules: deps.rules, maxLogBytes: deps.maxLogBytes, monotonic },
      );
      const autofixOff = `fix pull requests are off for ${name}: set \`autofix: true\` in ${REPO_CONFIG_PATH}, or have someone with write access comment \`/goarch fix\` on the pull request`;
      switch (result.status) {
        case 'refused':
          if (result.code === 'config-invalid') return { ok: false, reason: `${name}'s ${REPO_CONFIG_PATH} is invalid: ${result.key} ${result.message}` };
          return { ok: false, reason: autofixOff };
        case 'disabled':
        case 'nothing-to-fix':
          return { ok: false, reason: autofixOff };
        case 'checked': {
          const outcome = result.outcomes[0];
          if (outcome === undefined) return { ok: false, reason: autofixOff };
          switch (outcome.status) {
            case 'run-gone':
              return { ok: false, reason: `run ${request.runId} is no longer in ${name}` };
            case 'no-workflow-file':
              return { ok: false, reason: `run ${request.runId} has no workflow file goarch can edit (${outcome.path ?? 'none'})` };
            case 'incident-gone':
              return { ok: false, reason: `the incident is no longer in the logs of run ${request.runId} (expired, or the run was re-run)` };
            case 'done': {
              const fix = outcome.result;
              if (fix.status === 'opened') return { ok: true, url: fix.url, created: true };
              if (fix.status === 'updated' || fix.status === 'unchanged') return { ok: true, url: fix.url, created: false };
              return { ok: false, reason: describeFixResult(outcome.incident, fix).replace(/[`\\]/g, '') };
            }
          }
        }
      }
    },
  };
}
