import type { Probot, ProbotOctokit } from 'probot';
import type { Logger } from 'pino';
import type { RuleSet } from '../core/rules/rule-set.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { Job, JobHandler, JobQueue } from '../service/job-queue.js';
import { validateWorkflowLazily } from '../runtime/validate-workflow-lazily.js';
import { HELP_TEXT } from '../service/help-text.js';
import { requestFixPr } from '../service/request-fix-pr.js';
import type { WorkflowValidator } from '../service/propose-workflow-fix.js';
import { handleFailedCheck } from '../service/handle-failed-check.js';
import { handleFailedRun } from '../service/handle-failed-run.js';
import { resolveDiagnosis } from '../service/resolve-diagnosis.js';
import { ServiceError } from '../service/service-error.js';
import type { StateSeal } from '../service/state-seal.js';
import type { IncidentStore } from '../service/incident-store.js';
import { fixFromComment } from './fix-from-comment.js';
import { githubJobSchema } from './github-job.js';
import type { GithubJob } from './github-job.js';
import { octokitCiHost } from './octokit-ci-host.js';
import { octokitOutput } from './octokit-output.js';
import { octokitRepoWriter } from './octokit-repo-writer.js';

export interface GithubJobDeps {
  probot: Pick<Probot, 'auth'>;
  store: IncidentStore;
  rules: RuleSet;
  metrics: Metrics;
  logger: Logger;
  /** Server default when the repository sets none (MAX_LOG_BYTES). */
  maxLogBytes: number;
  /** Dedupe window (DEDUPE_WINDOW_HOURS). */
  windowMs: number;
  /** Wall clock (ms since the epoch). */
  now?: () => number;
  /** Monotonic clock (ms), for durations. */
  monotonic?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Where `autofix` enqueues fix jobs (the same queue these jobs come from). */
  queue: Pick<JobQueue<unknown>, 'enqueue'>;
  /** This App's id (APP_ID): only comments it wrote are goarch's. */
  appId: number;
  /** Signs and checks the state in goarch's comments (GithubAppConfig.stateKey). */
  seal: StateSeal;
  /** GitHub's workflow parser; default: loaded on the first fix (with its JSON import hook). */
  validateWorkflow?: WorkflowValidator;
}

type RunJob = Extract<GithubJob, { kind: 'diagnose-run' }>;

/**
 * Runs the jobs the webhook handlers enqueue (registered for GITHUB_JOB_KINDS), each with an installation
 * Octokit: parse the job, build the ports over that client (`octokitCiHost`, `octokitOutput`,
 * `octokitRepoWriter`), call the use case, and log its result. Service errors pass through: the queue
 * reads their code and whether a retry can help (`classifyJobError`).
 */
export function githubJobHandler(deps: GithubJobDeps): JobHandler<unknown> {
  const now = deps.now ?? Date.now;
  const monotonic = deps.monotonic ?? (() => performance.now());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const validate = deps.validateWorkflow ?? validateWorkflowLazily;

  return async (job: Job<unknown>) => {
    const parsed = githubJobSchema.safeParse(job.payload);
    const log = deps.logger.child({ jobId: job.id, job: job.name, attempt: job.attempt });
    if (!parsed.success) {
      log.error({ issues: parsed.error.issues.length }, 'job payload invalid: dropped');
      throw new ServiceError('job-payload-invalid', 'the job payload does not match its schema', { retryable: false });
    }
    const payload = parsed.data;
    log.debug({ kind: payload.kind, repository: `${payload.owner}/${payload.repo}` }, 'job started');
    // Service errors carry their own code and retryability: the queue reads them (classifyJobError).
    const octokit = await deps.probot.auth(payload.installationId);
    await run(payload, job.id, octokit, log);
  };

  async function run(job: GithubJob, jobId: string, octokit: ProbotOctokit, log: Logger): Promise<void> {
    const repo = { owner: job.owner, repo: job.repo };
    const output = octokitOutput(octokit, { appId: deps.appId });
    switch (job.kind) {
      case 'reply-help':
        await output.createComment(repo, job.pullRequest, HELP_TEXT);
        log.info({ pullRequest: job.pullRequest }, 'help posted');
        return;
      case 'resolve-run': {
        const resolved = await resolveDiagnosis(
          {
            repo,
            headSha: job.headSha,
            pullRequests: job.pullRequests,
            forkHead: job.fork === null ? null : { sha: job.headSha, owner: job.fork.owner, branch: job.fork.branch },
            workflow: { id: job.workflowId, name: job.workflowName },
            runId: job.runId,
            runUrl: job.runUrl,
          },
          { host: octokitCiHost(octokit), store: deps.store, output, now, seal: deps.seal },
        );
        log.info({ resolved: resolved.length }, 'run succeeded: incidents resolved');
        return;
      }
      case 'diagnose-pr': {
        const runJob = await latestFailedRun(octokit, job);
        if (runJob === null) {
          await output.createComment(repo, job.pullRequest, 'goarch found no failed workflow run for the head commit of this pull request.');
          log.info({ pullRequest: job.pullRequest }, 'no failed run to diagnose');
          return;
        }
        await diagnoseRun(runJob, jobId, octokit, log);
        return;
      }
      case 'diagnose-run':
        await diagnoseRun(job, jobId, octokit, log);
        return;
      case 'open-fix-pr': {
        const requested = await requestFixPr(
          {
            repo,
            trigger: { kind: 'autofix' },
            pullRequests: job.pullRequests,
            targets: async () => [{ run: { id: job.runId, url: job.runUrl, workflowName: job.workflowName }, workflowPath: job.workflowPath, incident: job.incident, pullRequests: job.pullRequests }],
          },
          { host: octokitCiHost(octokit), writer: octokitRepoWriter(octokit), validate, rules: deps.rules, maxLogBytes: deps.maxLogBytes, monotonic },
        );
        const outcome = requested.status === 'checked' ? requested.outcomes[0] : undefined;
        if (outcome?.status !== 'done') return;
        const result = outcome.result;
        const meta = { fingerprint: job.incident.fingerprint, status: result.status, ...('number' in result ? { pullRequest: result.number } : {}), ...('reason' in result ? { reason: result.reason } : {}) };
        if (result.status === 'no-safe-edit') log.warn(meta, 'autofix: no safe edit on the default branch head');
        else log.info(meta, 'autofix: fix pull request done');
        return;
      }
      case 'fix-pr-comment':
        await fixFromComment(job, { octokit, validate, log, appId: deps.appId, seal: deps.seal, rules: deps.rules, maxLogBytes: deps.maxLogBytes, monotonic });
        return;
      case 'diagnose-check': {
        const result = await handleFailedCheck(
          { repo, check: { id: job.checkRunId, name: job.name, url: job.url, text: job.text }, headSha: job.headSha, pullRequests: job.pullRequests, claimKey: jobId },
          {
            host: octokitCiHost(octokit),
            output,
            store: deps.store,
            rules: deps.rules,
            seal: deps.seal,
            windowMs: deps.windowMs,
            now,
            sleep,
            onIncident: (failureClass) => deps.metrics.incidents.inc({ class: failureClass }),
            onDedupeHit: () => deps.metrics.dedupeHits.inc(),
          },
        );
        if (result.status === 'config-invalid') log.warn({ key: result.key }, 'repository config invalid: reported as a check run');
        else if (result.status === 'disabled') log.info({}, 'goarch disabled by the repository config');
        else log.info({ incidents: result.incidents.length, comments: result.published.comments.length, checkRuns: result.published.checkRuns.length }, 'check run diagnosed');
        return;
      }
    }
  }

  async function diagnoseRun(job: RunJob, jobId: string, octokit: ProbotOctokit, log: Logger): Promise<void> {
    const repo = { owner: job.owner, repo: job.repo };
    const result = await handleFailedRun(
      {
        repo,
        run: { runId: job.runId, url: job.runUrl, workflowId: job.workflowId, workflowName: job.workflowName, workflowPath: job.workflowPath, headSha: job.headSha, pullRequests: job.pullRequests },
        forkHead: job.fork === null ? null : { sha: job.headSha, owner: job.fork.owner, branch: job.fork.branch },
        claimKey: jobId,
      },
      {
        host: octokitCiHost(octokit),
        output: octokitOutput(octokit, { appId: deps.appId }),
        writer: octokitRepoWriter(octokit),
        fixes: {
          // One fix job per incident and head commit.
          enqueue: (fix) => {
            const fixJob: GithubJob = { ...job, kind: 'open-fix-pr', pullRequests: fix.run.pullRequests, workflowPath: fix.workflowPath, incident: fix.incident };
            return deps.queue.enqueue(fixJob.kind, fixJob, { jobId: `fix:${job.owner}/${job.repo}:${fix.incident.fingerprint}:${job.headSha}` });
          },
        },
        store: deps.store,
        rules: deps.rules,
        seal: deps.seal,
        validate,
        maxLogBytes: deps.maxLogBytes,
        windowMs: deps.windowMs,
        now,
        monotonic,
        sleep,
        onScanned: (scan) => {
          deps.metrics.logBytesScanned.inc(scan.bytes);
          deps.metrics.scanDuration.observe(scan.seconds);
        },
        onIncident: (failureClass) => deps.metrics.incidents.inc({ class: failureClass }),
        onDedupeHit: () => deps.metrics.dedupeHits.inc(),
      },
    );
    switch (result.status) {
      case 'config-invalid':
        log.warn({ key: result.key }, 'repository config invalid: reported as a check run');
        return;
      case 'disabled':
        log.info({}, 'goarch disabled by the repository config');
        return;
      case 'ignored':
        log.info({ workflow: result.workflow }, 'workflow ignored by the repository config');
        return;
      case 'diagnosed': {
        const { diagnosis, published } = result;
        for (const fixJob of result.fixJobs) log.info({ jobId: fixJob.jobId, fingerprint: fixJob.fingerprint, branch: fixJob.branch }, 'autofix: fix job enqueued');
        log.info(
          {
            runId: job.runId,
            jobsScanned: diagnosis.scans.length,
            logsGone: diagnosis.scans.filter((s) => s.outcome === 'log-gone').length,
            incidents: diagnosis.incidents.length,
            comments: published.comments.map((c) => ({ pullRequest: c.pullRequest, created: c.created })),
            checkRuns: published.checkRuns.length,
            ...(result.pullRequests === job.pullRequests ? {} : { forkPullRequests: result.pullRequests }),
          },
          'workflow run diagnosed',
        );
      }
    }
  }
}

/** The newest failed workflow run on the pull request's head commit, as a diagnose-run job. */
async function latestFailedRun(octokit: ProbotOctokit, job: Extract<GithubJob, { kind: 'diagnose-pr' }>): Promise<RunJob | null> {
  const run = await octokitCiHost(octokit).latestFailedRun({ owner: job.owner, repo: job.repo }, job.pullRequest);
  if (run === null) return null;
  return {
    kind: 'diagnose-run',
    installationId: job.installationId,
    owner: job.owner,
    repo: job.repo,
    runId: run.runId,
    runUrl: run.url,
    workflowId: run.workflowId,
    workflowName: run.workflowName,
    workflowPath: run.workflowPath,
    headSha: run.headSha,
    pullRequests: run.pullRequests,
    fork: null,
  };
}
