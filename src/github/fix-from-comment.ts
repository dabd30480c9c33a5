import type { ProbotOctokit } from 'probot';
import type { Logger } from 'pino';
import type { RuleSet } from '../core/rules/rule-set.js';
import { COMMENT_MARKER } from '../service/comment-state.js';
import type { CommentEntry } from '../service/comment-state.js';
import { describeFixResult } from '../service/describe-fix-result.js';
import type { WorkflowValidator } from '../service/propose-workflow-fix.js';
import { readCommentState } from '../service/read-comment-state.js';
import { REPO_CONFIG_PATH } from '../service/repo-config.js';
import type { FixOutcome } from '../service/request-fix-pr.js';
import { requestFixPr } from '../service/request-fix-pr.js';
import type { StateSeal } from '../service/state-seal.js';
import type { GithubJob } from './github-job.js';
import { octokitCiHost } from './octokit-ci-host.js';
import { octokitOutput } from './octokit-output.js';
import { octokitRepoWriter } from './octokit-repo-writer.js';

type FixCommentJob = Extract<GithubJob, { kind: 'fix-pr-comment' }>;

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

/**
 * `/goarch fix` on a pull request, translated to `requestFixPr` (the commenter's permission, the config,
 * the runs' workflow files, the fixes) and its result to one reply. The incidents are the open ones of
 * goarch's diagnosis comment on this pull request (only this App's comment, only its signed state); the
 * comment only says which run and fingerprint: what is edited comes from the run's logs.
 */
export async function fixFromComment(job: FixCommentJob, deps: FixFromCommentDeps): Promise<void> {
  const { octokit, log } = deps;
  const repo = { owner: job.owner, repo: job.repo };
  const output = octokitOutput(octokit, { appId: deps.appId });
  const reply = (text: string) => output.createComment(repo, job.pullRequest, text);
  let entries: CommentEntry[] = [];
  const result = await requestFixPr(
    {
      repo,
      trigger: { kind: 'comment', user: job.user, pullRequest: job.pullRequest },
      pullRequests: [job.pullRequest],
      targets: async () => {
        const comment = await output.findComment(repo, job.pullRequest, COMMENT_MARKER);
        entries = readCommentState(comment?.body ?? null, deps.seal).entries.filter((entry) => entry.resolved === null);
        return entries.filter((entry) => entry.runId !== null).map((entry) => ({ runId: entry.runId as number, fingerprint: entry.fingerprint, seen: { url: entry.runUrl, workflowName: entry.workflow.name } }));
      },
    },
    { host: octokitCiHost(octokit), writer: octokitRepoWriter(octokit), validate: deps.validate, rules: deps.rules, maxLogBytes: deps.maxLogBytes, monotonic: deps.monotonic },
  );
  switch (result.status) {
    case 'refused':
      if (result.code === 'no-permission') {
        await reply(`@${job.user} goarch opens fix pull requests only when someone with write access to ${job.owner}/${job.repo} asks (your permission: ${result.permission}). Ask a maintainer to comment \`/goarch fix\`, or apply the fix commands from the diagnosis yourself.`);
        log.info({ user: job.user, permission: result.permission }, 'fix refused: no write permission');
      } else if (result.code === 'config-invalid') {
        await reply(`goarch cannot open a fix pull request: in \`${REPO_CONFIG_PATH}\`, \`${result.key}\` ${result.message}.`);
        log.info({ key: result.key }, 'fix refused: repository config invalid');
      }
      return;
    case 'disabled':
      log.info({}, 'goarch disabled by the repository config');
      return;
    case 'nothing-to-fix':
      await reply(
        entries.length === 0
          ? 'goarch has no open diagnosis on this pull request to fix. Comment `/goarch diagnose` first.'
          : 'goarch can only edit GitHub Actions workflows: the incidents on this pull request came from another app\'s check run.',
      );
      log.info({ entries: entries.length }, 'fix refused: nothing to fix');
      return;
    case 'checked': {
      const lines = result.outcomes.map((outcome) => `- ${line(outcome, entries, log)}`);
      await reply(`@${job.user} asked for fix pull requests:\n\n${lines.join('\n')}\n`);
    }
  }
}

/** One line of the reply per incident asked for. */
function line(outcome: FixOutcome, entries: CommentEntry[], log: Logger): string {
  const failureClass = (runId: number, fingerprint: string) => entries.find((e) => e.runId === runId && e.fingerprint === fingerprint)?.incident.class ?? 'incident';
  switch (outcome.status) {
    case 'run-gone':
    case 'no-workflow-file':
      return `No pull request for \`${failureClass(outcome.runId, outcome.fingerprint)}\`: run ${outcome.runId} is gone, so goarch does not know its workflow file. Re-run the workflow, then comment \`/goarch fix\` again.`;
    case 'incident-gone':
      return `No pull request for \`${failureClass(outcome.runId, outcome.fingerprint)}\`: the logs of run ${outcome.runId} no longer show it (expired, or the run was re-run). Comment \`/goarch diagnose\`, then \`/goarch fix\` again.`;
    case 'done': {
      const { incident, result } = outcome;
      log.info({ fingerprint: incident.fingerprint, status: result.status, ...('number' in result ? { pullRequest: result.number } : {}) }, 'fix pull request requested by comment');
      return describeFixResult(incident, result);
    }
  }
}
