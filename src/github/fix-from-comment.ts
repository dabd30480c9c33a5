import type { ProbotOctokit } from 'probot';
import type { Logger } from 'pino';
import type { RuleSet } from '../core/rules/rule-set.js';
import { COMMENT_MARKER } from '../service/comment-state.js';
import { diagnoseWorkflowRun } from '../service/diagnose-workflow-run.js';
import type { RunIncident } from '../service/diagnose-workflow-run.js';
import { describeFixResult } from '../service/describe-fix-result.js';
import { openFixPr } from '../service/open-fix-pr.js';
import type { WorkflowValidator } from '../service/propose-workflow-fix.js';
import { readCommentState } from '../service/read-comment-state.js';
import { REPO_CONFIG_PATH } from '../service/repo-config.js';
import type { StateSeal } from '../service/state-seal.js';
import { workflowFilePath } from '../service/workflow-file-path.js';
import type { GithubJob } from './github-job.js';
import { loadRepoConfig } from './load-repo-config.js';
import { octokitActions } from './octokit-actions.js';
import { octokitOutput } from './octokit-output.js';
import { octokitRepoWriter } from './octokit-repo-writer.js';

type FixCommentJob = Extract<GithubJob, { kind: 'fix-pr-comment' }>;

/** Repository permissions that may ask goarch to push a fix branch (`maintain` is reported as `write`). */
const MAY_FIX = new Set(['admin', 'write']);

/**
 * `/goarch fix` on a pull request:
 * 1. the commenter must have write access to the repository, else the reply says why not;
 * 2. the repository config (disabled: nothing; invalid: the reply names the key);
 * 3. the open incidents of goarch's diagnosis comment on this pull request (only this App's comment, only
 *    its signed state; none: say to diagnose first);
 * 4. for each run, its workflow file and its incidents re-read from the run's logs (the comment only says
 *    which run and fingerprint: what is edited comes from the logs, never from the comment), then `openFixPr`;
 * 5. one reply: the pull requests opened or updated, and why the others got none.
 */
export interface FixFromCommentDeps {
  octokit: ProbotOctokit;
  validate: WorkflowValidator;
  log: Logger;
  appId: number;
  seal: StateSeal;
  rules: RuleSet;
  /** Server default when the repository sets none (MAX_LOG_BYTES). */
  maxLogBytes: number;
  monotonic: () => number;
}

export async function fixFromComment(job: FixCommentJob, deps: FixFromCommentDeps): Promise<void> {
  const { octokit, log } = deps;
  const repo = { owner: job.owner, repo: job.repo };
  const output = octokitOutput(octokit, deps.appId);
  const reply = (text: string) => output.createComment(repo, job.pullRequest, text);
  // 1. Permission.
  const permission = await permissionOf(octokit, job);
  if (!MAY_FIX.has(permission)) {
    await reply(`@${job.user} goarch opens fix pull requests only when someone with write access to ${job.owner}/${job.repo} asks (your permission: ${permission}). Ask a maintainer to comment \`/goarch fix\`, or apply the fix commands from the diagnosis yourself.`);
    log.info({ user: job.user, permission }, 'fix refused: no write permission');
    return;
  }
  // 2. Config.
  const config = await loadRepoConfig(octokit, job.owner, job.repo);
  if (!config.ok) {
    await reply(`goarch cannot open a fix pull request: in \`${REPO_CONFIG_PATH}\`, \`${config.key}\` ${config.message}.`);
    log.info({ key: config.key }, 'fix refused: repository config invalid');
    return;
  }
  if (!config.config.enabled) {
    log.info({}, 'goarch disabled by the repository config');
    return;
  }
  // 3. The incidents goarch reported here.
  const comment = await output.findComment(repo, job.pullRequest, COMMENT_MARKER);
  const entries = readCommentState(comment?.body ?? null, deps.seal).entries.filter((entry) => entry.resolved === null);
  const fixable = entries.filter((entry) => entry.runId !== null);
  if (fixable.length === 0) {
    await reply(
      entries.length === 0
        ? 'goarch has no open diagnosis on this pull request to fix. Comment `/goarch diagnose` first.'
        : 'goarch can only edit GitHub Actions workflows: the incidents on this pull request came from another app\'s check run.',
    );
    log.info({ entries: entries.length }, 'fix refused: nothing to fix');
    return;
  }
  // 4. One fix pull request per incident.
  const lines: string[] = [];
  const paths = new Map<number, string | null>();
  const runIncidents = new Map<number, RunIncident[]>();
  for (const entry of fixable) {
    const runId = entry.runId as number;
    if (!paths.has(runId)) paths.set(runId, await workflowPath(octokit, job, runId));
    const path = paths.get(runId) ?? null;
    if (path === null) {
      lines.push(`- No pull request for \`${entry.incident.class}\`: run ${runId} is gone, so goarch does not know its workflow file. Re-run the workflow, then comment \`/goarch fix\` again.`);
      continue;
    }
    if (!runIncidents.has(runId)) {
      const diagnosis = await diagnoseWorkflowRun(
        { owner: job.owner, repo: job.repo, runId },
        { actions: octokitActions(octokit), rules: deps.rules, maxLogBytes: Math.min(config.config.maxLogBytes ?? deps.maxLogBytes, deps.maxLogBytes), classes: config.config.classes, now: deps.monotonic },
      );
      runIncidents.set(runId, diagnosis.incidents);
    }
    const incident = runIncidents.get(runId)?.find((item) => item.incident.fingerprint === entry.fingerprint)?.incident;
    if (incident === undefined) {
      lines.push(`- No pull request for \`${entry.incident.class}\`: the logs of run ${runId} no longer show it (expired, or the run was re-run). Comment \`/goarch diagnose\`, then \`/goarch fix\` again.`);
      continue;
    }
    const result = await openFixPr(
      {
        repo,
        workflowPath: path,
        incident,
        run: { id: runId, url: entry.runUrl, workflowName: entry.workflow.name },
        pullRequests: [job.pullRequest],
        trigger: { kind: 'comment', user: job.user, pullRequest: job.pullRequest },
      },
      { writer: octokitRepoWriter(octokit), validate: deps.validate },
    );
    log.info({ fingerprint: incident.fingerprint, status: result.status, ...('number' in result ? { pullRequest: result.number } : {}) }, 'fix pull request requested by comment');
    lines.push(`- ${describeFixResult(incident, result)}`);
  }
  // 5. Reply.
  await reply(`@${job.user} asked for fix pull requests:\n\n${lines.join('\n')}\n`);
}

async function permissionOf(octokit: ProbotOctokit, job: FixCommentJob): Promise<string> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { owner: job.owner, repo: job.repo, username: job.user });
    return data.permission;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return 'none';
    throw error;
  }
}

async function workflowPath(octokit: ProbotOctokit, job: FixCommentJob, runId: number): Promise<string | null> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: job.owner, repo: job.repo, run_id: runId });
    return workflowFilePath(data.path);
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return null;
    throw error;
  }
}
