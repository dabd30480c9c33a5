import type { ApplicationFunction } from 'probot';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/create-metrics.js';

export interface GithubAppDeps {
  logger: Logger;
  metrics: Metrics;
}

/** The events goarch acts on (issue 5); app.yml subscribes to them. */
export const GITHUB_EVENTS = ['workflow_run.completed', 'check_run.completed', 'issue_comment.created'] as const;

/**
 * The Probot application function. For now it only logs each delivery it would act on;
 * issue 5 turns each into a job on the queue. Handlers must return fast: the webhook is answered
 * after they resolve.
 */
export function githubApp(deps: GithubAppDeps): ApplicationFunction {
  return (app) => {
    app.on([...GITHUB_EVENTS], async (context) => {
      const payload = context.payload as { action?: string; repository?: { full_name?: string }; installation?: { id?: number } };
      context.log.info(
        {
          event: context.name,
          action: payload.action,
          repository: payload.repository?.full_name,
          installation: payload.installation?.id,
          delivery: context.id,
        },
        'webhook received',
      );
    });
    app.onError(async (error) => {
      const first = (error.errors as unknown[] | undefined)?.[0] ?? error;
      // A bad signature (status 400) was already logged by @octokit/webhooks and answered 400.
      if ((first as { status?: number }).status === 400) return;
      deps.logger.error({ err: first }, 'webhook handler failed');
    });
  };
}
