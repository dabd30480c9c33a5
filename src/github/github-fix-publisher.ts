import type { Probot } from 'probot';
import type { RuleSet } from '../core/rules/rule-set.js';
import { diagnoseWorkflowRun } from '../service/diagnose-workflow-run.js';
import { describeFixResult } from '../service/describe-fix-result.js';
import type { FixPublisher, FixPullRequestRequest, FixPullRequestResult } from '../service/fix-publisher.js';
import { openFixPr } from '../service/open-fix-pr.js';
import type { WorkflowValidator } from '../service/propose-workflow-fix.js';
import { REPO_CONFIG_PATH } from '../service/repo-config.js';
import { workflowFilePath } from '../service/workflow-file-path.js';
import { loadRepoConfig } from './load-repo-config.js';
import { octokitActions } from './octokit-actions.js';
import { octokitRepoWriter } from './octokit-repo-writer.js';
import { installationOctokit } from './installation-octokit.js';

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
 * checks SLACK_FIX_ALLOWED_USERS first):
 * 1. the App's installation on the repository (not installed: say so);
 * 2. the repository must have opted in with `autofix: true` (a Slack user is not known to GitHub, so
 *    the repository's own consent is required; `/goarch fix` by a writer is the other way in);
 * 3. the run's workflow file, and the incident re-read from the run's logs by its fingerprint;
 * 4. the `openFixPr` use case, as for `/goarch fix`.
 */
export function githubFixPublisher(deps: GithubFixPublisherDeps): FixPublisher {
  const monotonic = deps.monotonic ?? (() => performance.now());
  return {
    async openFixPullRequest(request: FixPullRequestRequest): Promise<FixPullRequestResult> {
      const { repo } = request;
      const name = `${repo.owner}/${repo.repo}`;
      // 1. The installation.
      const octokit = await installationOctokit(deps.probot, repo);
      if (octokit === null) return { ok: false, reason: `the goarch GitHub App is not installed on ${name}` };
      // 2. The repository's consent.
      const config = await loadRepoConfig(octokit, repo.owner, repo.repo);
      if (!config.ok) return { ok: false, reason: `${name}'s ${REPO_CONFIG_PATH} is invalid: ${config.key} ${config.message}` };
      if (!config.config.enabled || config.config.autofix !== true) {
        return { ok: false, reason: `fix pull requests are off for ${name}: set \`autofix: true\` in ${REPO_CONFIG_PATH}, or have someone with write access comment \`/goarch fix\` on the pull request` };
      }
      // 3. The workflow and the incident.
      let run: { path: string; name?: string | null; html_url: string; pull_requests?: { number: number }[] | null };
      try {
        ({ data: run } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: repo.owner, repo: repo.repo, run_id: request.runId }));
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) return { ok: false, reason: `run ${request.runId} is no longer in ${name}` };
        throw error;
      }
      const workflowPath = workflowFilePath(run.path);
      if (workflowPath === null) return { ok: false, reason: `run ${request.runId} has no workflow file goarch can edit (${run.path})` };
      const diagnosis = await diagnoseWorkflowRun({ owner: repo.owner, repo: repo.repo, runId: request.runId }, { actions: octokitActions(octokit), rules: deps.rules, maxLogBytes: Math.min(config.config.maxLogBytes ?? deps.maxLogBytes, deps.maxLogBytes), now: monotonic });
      const found = diagnosis.incidents.find((item) => item.incident.fingerprint === request.fingerprint);
      if (found === undefined) return { ok: false, reason: `the incident is no longer in the logs of run ${request.runId} (expired, or the run was re-run)` };
      // 4. The pull request.
      const result = await openFixPr(
        {
          repo,
          workflowPath,
          incident: found.incident,
          run: { id: request.runId, url: run.html_url, workflowName: run.name ?? '' },
          pullRequests: (run.pull_requests ?? []).map((pr) => pr.number),
          trigger: { kind: 'slack', user: request.requestedBy },
        },
        { writer: octokitRepoWriter(octokit), validate: deps.validate },
      );
      if (result.status === 'opened') return { ok: true, url: result.url, created: true };
      if (result.status === 'updated' || result.status === 'unchanged') return { ok: true, url: result.url, created: false };
      return { ok: false, reason: describeFixResult(found.incident, result).replace(/[`\\]/g, '') };
    },
  };
}
