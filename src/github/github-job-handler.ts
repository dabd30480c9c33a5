import type { Probot, ProbotOctokit } from 'probot';
import type { Logger } from 'pino';
import { diagnoseText } from '../core/diagnose/diagnose-log.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import type { Metrics } from '../metrics/create-metrics.js';
import { JobError } from '../queue/job-error.js';
import type { Job, JobHandler, JobQueue } from '../queue/job-queue.js';
import { validateWorkflowLazily } from '../runtime/validate-workflow-lazily.js';
import { diagnoseWorkflowRun } from '../service/diagnose-workflow-run.js';
import type { RunIncident } from '../service/diagnose-workflow-run.js';
import { HELP_TEXT } from '../service/help-text.js';
import { openFixPr } from '../service/open-fix-pr.js';
import { planFixPrs } from '../service/plan-fix-prs.js';
import type { WorkflowValidator } from '../service/propose-workflow-fix.js';
import { CHECK_NAME, publishDiagnosis } from '../service/publish-diagnosis.js';
import type { RepoConfig } from '../service/repo-config.js';
import { REPO_CONFIG_PATH } from '../service/repo-config.js';
import { resolveDiagnosis } from '../service/resolve-diagnosis.js';
import { ServiceError } from '../service/service-error.js';
import type { StateSeal } from '../service/state-seal.js';
import { workflowFilePath } from '../service/workflow-file-path.js';
import type { IncidentStore } from '../store/incident-store.js';
import { fixFromComment } from './fix-from-comment.js';
import { githubJobSchema } from './github-job.js';
import type { GithubJob } from './github-job.js';
import { loadRepoConfig } from './load-repo-config.js';
import { octokitActions } from './octokit-actions.js';
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
 * Runs the jobs the webhook handlers enqueue, each with an installation Octokit:
 * translate the job into service calls (diagnose, publish, resolve) and service errors into job errors.
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
      throw new JobError('job-payload-invalid', 'the job payload does not match its schema', { retryable: false });
    }
    const payload = parsed.data;
    log.debug({ kind: payload.kind, repository: `${payload.owner}/${payload.repo}` }, 'job started');
    try {
      const octokit = await deps.probot.auth(payload.installationId);
      await run(payload, job.id, octokit, log);
    } catch (error) {
      if (error instanceof ServiceError) throw new JobError(error.code, error.message, { retryable: error.retryable, cause: error });
      throw error;
    }
  };

  async function run(job: GithubJob, jobId: string, octokit: ProbotOctokit, log: Logger): Promise<void> {
    const repo = { owner: job.owner, repo: job.repo };
    const output = octokitOutput(octokit, deps.appId);
    switch (job.kind) {
      case 'reply-help':
        await output.createComment(repo, job.pullRequest, HELP_TEXT);
        log.info({ pullRequest: job.pullRequest }, 'help posted');
        return;
      case 'resolve-run': {
        const resolved = await resolveDiagnosis(
          { repo, headSha: job.headSha, pullRequests: job.pullRequests, workflow: { id: job.workflowId, name: job.workflowName }, runId: job.runId, runUrl: job.runUrl },
          { store: deps.store, output, now, seal: deps.seal },
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
        const result = await openFixPr(
          {
            repo,
            workflowPath: job.workflowPath,
            incident: job.incident,
            run: { id: job.runId, url: job.runUrl, workflowName: job.workflowName },
            pullRequests: job.pullRequests,
            trigger: { kind: 'autofix' },
          },
          { writer: octokitRepoWriter(octokit), validate },
        );
        const meta = { fingerprint: job.incident.fingerprint, status: result.status, ...('number' in result ? { pullRequest: result.number } : {}), ...('reason' in result ? { reason: result.reason } : {}) };
        if (result.status === 'no-safe-edit') log.warn(meta, 'autofix: no safe edit on the default branch head');
        else log.info(meta, 'autofix: fix pull request done');
        return;
      }
      case 'fix-pr-comment':
        await fixFromComment(job, { octokit, validate, log, appId: deps.appId, seal: deps.seal, rules: deps.rules, maxLogBytes: deps.maxLogBytes, monotonic });
        return;
      case 'diagnose-check': {
        const config = await repoConfig(octokit, job, job.headSha, log);
        if (config === null) return;
        const diagnosis = diagnoseText(job.text, deps.rules);
        const incidents: RunIncident[] = diagnosis.incidents
          .filter((incident) => config.classes === null || config.classes.includes(incident.class))
          .map((incident) => ({ incident, jobs: [{ id: job.checkRunId, name: job.name, url: job.url, failedStep: null }] }));
        countIncidents(incidents);
        const result = await publishDiagnosis(
          {
            repo,
            pullRequests: job.pullRequests,
            headSha: job.headSha,
            workflow: { id: `check:${job.name}`, name: job.name },
            runId: null,
            runUrl: job.url === '' ? null : job.url,
            output: config.output,
            claimKey: jobId,
            incidents,
            scans: [],
            maxLogBytes: diagnosis.bytes,
          },
          { store: deps.store, output, now, seal: deps.seal, sleep, windowMs: deps.windowMs, onDedupeHit: () => deps.metrics.dedupeHits.inc() },
        );
        log.info({ incidents: incidents.length, comments: result.comments.length, checkRuns: result.checkRuns.length }, 'check run diagnosed');
        return;
      }
    }
  }

  async function diagnoseRun(job: RunJob, jobId: string, octokit: ProbotOctokit, log: Logger): Promise<void> {
    const repo = { owner: job.owner, repo: job.repo };
    // 1. The repository's settings (a bad file is reported on the commit, not thrown).
    const config = await repoConfig(octokit, job, job.headSha, log);
    if (config === null) return;
    if (config.ignoreWorkflows.some((name) => name === job.workflowName || name === job.workflowPath)) {
      log.info({ workflow: job.workflowName }, 'workflow ignored by the repository config');
      return;
    }
    // 2. Diagnose the failed jobs' logs.
    // A repository may scan less than the server allows, never more.
    const maxLogBytes = Math.min(config.maxLogBytes ?? deps.maxLogBytes, deps.maxLogBytes);
    const diagnosis = await diagnoseWorkflowRun(
      { owner: job.owner, repo: job.repo, runId: job.runId },
      {
        actions: octokitActions(octokit),
        rules: deps.rules,
        maxLogBytes,
        classes: config.classes,
        now: monotonic,
        onScanned: (scan) => {
          deps.metrics.logBytesScanned.inc(scan.bytes);
          deps.metrics.scanDuration.observe(scan.seconds);
        },
      },
    );
    countIncidents(diagnosis.incidents);
    // 3. With autofix (or its dry run): which incidents get a fix pull request, and why the others do not (shown with the diagnosis).
    const workflowPath = workflowFilePath(job.workflowPath);
    const autofix = config.autofix !== false && workflowPath !== null && diagnosis.incidents.length > 0;
    const incidents = autofix ? await planFixPrs(repo, workflowPath, diagnosis.incidents, { dryRun: config.autofix === 'dry-run' }, { writer: octokitRepoWriter(octokit), validate }) : diagnosis.incidents;
    // 4. Publish once per incident.
    const result = await publishDiagnosis(
      {
        repo,
        pullRequests: job.pullRequests,
        headSha: job.headSha,
        workflow: { id: job.workflowId, name: job.workflowName },
        runId: job.runId,
        runUrl: job.runUrl,
        output: config.output,
        claimKey: jobId,
        incidents,
        scans: diagnosis.scans,
        maxLogBytes,
      },
      { store: deps.store, output: octokitOutput(octokit, deps.appId), now, seal: deps.seal, sleep, windowMs: deps.windowMs, onDedupeHit: () => deps.metrics.dedupeHits.inc() },
    );
    // 5. Enqueue one fix job per incident that has a safe edit (one per incident and head commit).
    if (workflowPath !== null) {
      for (const { incident, fix } of incidents) {
        if (fix?.kind !== 'planned' || fix.dryRun) continue;
        const fixJob: GithubJob = { ...job, kind: 'open-fix-pr', workflowPath, incident };
        const id = await deps.queue.enqueue(fixJob.kind, fixJob, { jobId: `fix:${job.owner}/${job.repo}:${incident.fingerprint}:${job.headSha}` });
        log.info({ jobId: id, fingerprint: incident.fingerprint, branch: fix.branch }, 'autofix: fix job enqueued');
      }
    }
    log.info(
      {
        runId: job.runId,
        jobsScanned: diagnosis.scans.length,
        logsGone: diagnosis.scans.filter((s) => s.outcome === 'log-gone').length,
        incidents: diagnosis.incidents.length,
        comments: result.comments.map((c) => ({ pullRequest: c.pullRequest, created: c.created })),
        checkRuns: result.checkRuns.length,
      },
      'workflow run diagnosed',
    );
  }

  /** The repository config, or null after reporting an invalid file with a check run on `headSha` (or when goarch is disabled). */
  async function repoConfig(octokit: ProbotOctokit, job: { owner: string; repo: string }, headSha: string, log: Logger): Promise<RepoConfig | null> {
    const result = await loadRepoConfig(octokit, job.owner, job.repo);
    if (!result.ok) {
      await octokitOutput(octokit, deps.appId).createCheckRun({ owner: job.owner, repo: job.repo }, headSha, CHECK_NAME, {
        conclusion: 'neutral',
        title: `Invalid ${REPO_CONFIG_PATH}: ${result.key}`,
        summary: `goarch did not run: in \`${REPO_CONFIG_PATH}\`, \`${result.key}\` ${result.message}.\n\nFix the file on the default branch; the next failed run is diagnosed with it. Comment \`/goarch help\` on a pull request for the settings.`,
      });
      log.warn({ key: result.key }, 'repository config invalid: reported as a check run');
      return null;
    }
    if (!result.config.enabled) {
      log.info({}, 'goarch disabled by the repository config');
      return null;
    }
    return result.config;
  }

  function countIncidents(incidents: RunIncident[]): void {
    for (const { incident } of incidents) deps.metrics.incidents.inc({ class: incident.class });
  }
}

/** The newest failed workflow run on the pull request's head commit, as a diagnose-run job. */
async function latestFailedRun(octokit: ProbotOctokit, job: Extract<GithubJob, { kind: 'diagnose-pr' }>): Promise<RunJob | null> {
  const { data: pr } = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner: job.owner, repo: job.repo, pull_number: job.pullRequest });
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/runs', { owner: job.owner, repo: job.repo, head_sha: pr.head.sha, status: 'failure', per_page: 1 });
  const run = data.workflow_runs[0];
  if (run === undefined) return null;
  return {
    kind: 'diagnose-run',
    installationId: job.installationId,
    owner: job.owner,
    repo: job.repo,
    runId: Number(run.id),
    runUrl: run.html_url,
    workflowId: String(run.workflow_id),
    workflowName: run.name ?? '',
    workflowPath: run.path,
    headSha: pr.head.sha,
    pullRequests: [job.pullRequest],
  };
}
