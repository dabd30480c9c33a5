import { randomUUID } from 'node:crypto';
import type { Probot } from 'probot';
import type { AddressInfo } from 'node:net';
import type { CreateContextOptions } from './create-context.js';
import { createContext } from './create-context.js';
import { githubApp } from '../github/github-app.js';
import { githubFixPublisher } from '../github/github-fix-publisher.js';
import { githubRunDiagnoser } from '../github/github-run-diagnoser.js';
import { manifestSetup, SETUP_PATH } from '../github/manifest-setup.js';
import { mountGithub } from '../github/mount-github.js';
import { notConfiguredHandler } from '../github/not-configured-handler.js';
import { readAppManifest } from '../github/read-app-manifest.js';
import { WEBHOOK_PATH } from '../github/webhook-path.js';
import type { ServiceContext } from '../runtime/service-context.js';
import { validateWorkflowLazily } from '../runtime/validate-workflow-lazily.js';
import { createHttpServer } from '../server/create-http-server.js';
import type { Mount } from '../server/create-http-server.js';
import { mountSlack } from '../slack/mount-slack.js';
import { slackApp } from '../slack/slack-app.js';
import { slackOffHandler } from '../slack/slack-off-handler.js';
import { stopServer } from './stop-server.js';
import { createWork } from './create-work.js';
import { registerGithubJobs } from './register-github-jobs.js';
import { startWorkers } from './start-workers.js';
import { JobRegistry } from '../service/job-registry.js';
import type { WorkOverrides } from './create-work.js';
import { loadRuleSet } from '../service/load-rule-set.js';

export interface StartServerOptions extends CreateContextOptions, WorkOverrides {
  /** Overrides PORT; tests pass 0 for a free port. */
  port?: number;
  /** Listen address; all interfaces by default. */
  host?: string;
}

export interface RunningServer {
  context: ServiceContext;
  port: number;
  /** Stops accepting, waits for in-flight requests and the closers up to SHUTDOWN_TIMEOUT_MS. Resolves the names of what did not finish. */
  close: () => Promise<string[]>;
}

/** The composition root of `npm start`: builds the adapters, mounts them on the one server, listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  // 1. Config, logger, metrics, registries, Redis.
  const context = createContext(options);
  const { config, logger, metrics, readiness } = context;
  // 2. Incident store and job queue (Redis or memory); the rules, loaded once.
  const work = await createWork(context, options);
  const rules = loadRuleSet();
  // Each adapter registers the job kinds it enqueues; the queue runs them by kind.
  const registry = new JobRegistry();
  // 3. GitHub: the Probot app, or a 503 that says how to register it.
  const mounts: Mount[] = [];
  let probot: Pick<Probot, 'auth'> | null = null;
  if (config.github === null) {
    const manifest = readAppManifest();
    logger.warn(
      { webhookPath: WEBHOOK_PATH, setupPath: manifest === null ? null : SETUP_PATH },
      'GitHub App not configured: webhooks are answered 503 until APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET are set; open /setup on this server to register the app from app.yml, or see "Register the GitHub App" in the README',
    );
    mounts.push({ name: 'github', path: WEBHOOK_PATH, prefix: false, handler: notConfiguredHandler(metrics) });
    if (manifest !== null) {
      const setup = manifestSetup({ manifest, endpoints: config.githubEndpoints, newState: randomUUID, now: Date.now, fetch: globalThis.fetch });
      mounts.push({ name: 'github-setup', path: SETUP_PATH, prefix: true, handler: setup });
    }
  } else {
    const appFn = githubApp({ logger, metrics, queue: work.queue, store: work.store, appId: config.github.appId });
    const github = await mountGithub({ app: config.github, endpoints: config.githubEndpoints, logger, metrics, appFn, ...(options.githubOctokit === undefined ? {} : { Octokit: options.githubOctokit }) });
    registerGithubJobs(registry, context, work, github.probot, rules, config.github);
    probot = github.probot;
    mounts.push({ name: 'github', path: WEBHOOK_PATH, prefix: false, handler: github.handler });
    logger.info({ appId: config.github.appId, apiBaseUrl: config.githubEndpoints.apiBaseUrl, webhookPath: WEBHOOK_PATH }, 'GitHub App mounted');
  }
  // Workers for every job kind an adapter registered (none without the GitHub App).
  if (registry.kinds().length > 0) await startWorkers(context, work, registry);
  // 4. Slack: Bolt over HTTP under /slack, Socket Mode, or off.
  if (config.slack === null) {
    logger.info({}, 'Slack not configured: /slack endpoints are off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to enable them)');
    mounts.push({ name: 'slack', path: '/slack', prefix: true, handler: slackOffHandler });
  } else {
    const listeners = slackApp({
      config: { ...config, slack: config.slack },
      logger,
      metrics,
      store: work.store,
      rules,
      redis: context.redis,
      // `/goarch diagnose <URL>` reads the run through the GitHub App; without it Slack says GitHub is not configured.
      diagnoseRun: probot === null ? null : githubRunDiagnoser({ probot, rules, maxLogBytes: config.maxLogBytes, metrics }),
      // "Open fix PR" goes through the GitHub App (issue 8); without it the button says fix PRs are unavailable.
      fixPublisher: probot === null ? null : githubFixPublisher({ probot, rules, maxLogBytes: config.maxLogBytes, validate: validateWorkflowLazily }),
      ...(options.redisPrefix === undefined ? {} : { redisPrefix: options.redisPrefix }),
    });
    const slack = mountSlack(config.slack, logger, listeners.register);
    context.closers.add('slack-work', listeners.drain);
    if (slack.handler !== null) mounts.push({ name: 'slack', path: '/slack', prefix: true, handler: slack.handler });
    await slack.start();
    context.closers.add('slack', slack.stop);
    logger.info({ mode: config.slack.mode }, 'Slack app mounted');
  }
  // 5. The one HTTP server.
  const server = createHttpServer({ logger, metrics, readiness, mounts, newRequestId: randomUUID });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? config.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // Release Redis and Slack before reporting that the port is unusable.
    await context.closers.closeAll(Date.now() + 1000, logger);
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'server listening');
  return { context, port, close: () => stopServer(server, context) };
}
