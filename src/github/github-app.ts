import type { ApplicationFunction } from 'probot';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/create-metrics.js';
import type { JobQueue } from '../service/job-queue.js';
import type { IncidentStore } from '../service/incident-store.js';
import type { GithubJob } from './github-job.js';
import { checkRunJob, issueCommentJob, workflowRunJob } from './webhook-to-job.js';

export interface GithubAppDeps {
  logger: Logger;
  metrics: Metrics;
  queue: Pick<JobQueue<unknown>, 'enqueue' | 'depth'>;
  store: IncidentStore;
  /** This app's id: its own check runs are not diagnosed. */
  appId: number;
}

/** The events goarch acts on (issue 5); app.yml subscribes to them. */
export const GITHUB_EVENTS = ['workflow_run.completed', 'check_run.completed', 'issue_comment.created'] as const;

/** Delivery ids are remembered this long: GitHub redelivers within hours, by hand within days at most. */
const DELIVERY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The Probot application function. Each handler translates its payload into a job and enqueues it
 * (job id = delivery id, and the delivery id is remembered, so a redelivery does nothing twice; a
 * workflow run is also remembered by run id, attempt and conclusion, so a signed delivery replayed under a
 * new delivery id does nothing either); the work runs on the queue (`githubJobHandler`). The webhook is
 * answered once the job is stored.
 */
export function githubApp(deps: GithubAppDeps): ApplicationFunction {
  return (app) => {
    app.on('workflow_run.completed', async (context) => enqueue(context.id, context.name, context.payload, workflowRunJob(context.payload)));
    app.on('check_run.completed', async (context) => enqueue(context.id, context.name, context.payload, checkRunJob(context.payload, deps.appId)));
    app.on('issue_comment.created', async (context) => enqueue(context.id, context.name, context.payload, issueCommentJob(context.payload)));
    app.onError(async (error) => {
      const first = (error.errors as unknown[] | undefined)?.[0] ?? error;
      // A bad signature (status 400) was already logged by @octokit/webhooks and answered 400.
      if ((first as { status?: number }).status === 400) return;
      deps.logger.error({ err: first }, 'webhook handler failed');
    });
  };

  async function enqueue(delivery: string, event: string, payload: object, job: GithubJob | null): Promise<void> {
    const log = deps.logger.child({ delivery, event });
    const { action, repository, installation } = payload as { action?: string; repository?: { full_name?: string }; installation?: { id?: number } };
    log.info({ action, repository: repository?.full_name, installation: installation?.id }, 'webhook received');
    if (job === null) {
      log.debug({}, 'webhook ignored');
      return;
    }
    if (!(await deps.store.rememberDelivery(`github:${delivery}`, DELIVERY_TTL_MS))) {
      log.info({ kind: job.kind }, 'webhook redelivered: already handled');
      return;
    }
    const run = (payload as { workflow_run?: { id?: unknown; run_attempt?: unknown; conclusion?: unknown } }).workflow_run;
    if (event === 'workflow_run' && run !== undefined && !(await deps.store.rememberDelivery(`github-run:${job.owner}/${job.repo}:${String(run.id)}:${String(run.run_attempt ?? 1)}:${String(run.conclusion)}`, DELIVERY_TTL_MS))) {
      log.info({ kind: job.kind }, 'webhook replayed under a new delivery id: this run attempt is already handled');
      return;
    }
    const jobId = await deps.queue.enqueue(job.kind, job, { jobId: `github:${delivery}` });
    log.info({ jobId, kind: job.kind, repository: `${job.owner}/${job.repo}` }, 'job enqueued');
    deps.queue.depth().then(
      (depth) => deps.metrics.queueDepth.set(depth),
      () => undefined,
    );
  }
}
