import type { FailureClass } from '../core/model/index.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import type { IncidentStore } from './incident-store.js';
import type { CiHost, CiRun, RunHead } from './ci-host.js';
import type { RunDiagnosis, RunIncident } from './diagnose-workflow-run.js';
import { diagnoseWorkflowRun } from './diagnose-workflow-run.js';
import type { FixRequests } from './fix-requests.js';
import type { DiagnosisOutput } from './diagnosis-output.js';
import type { RepoRef } from './repo-ref.js';
import { loadEnabledConfig } from './load-enabled-config.js';
import { planFixPrs } from './plan-fix-prs.js';
import type { WorkflowValidator } from './propose-workflow-fix.js';
import type { PublishResult } from './publish-diagnosis.js';
import { publishDiagnosis } from './publish-diagnosis.js';
import type { RepoWriter } from './repo-writer.js';
import type { StateSeal } from './state-seal.js';
import { workflowFilePath } from './workflow-file-path.js';

export interface FailedRunRequest {
  repo: RepoRef;
  run: CiRun;
  /** The run's head when it is in another repository (a fork): its pull requests are looked up when the event listed none. Null otherwise. */
  forkHead: RunHead | null;
  /** Idempotency key of this occurrence (the queue job id): a retried job is counted once. */
  claimKey: string;
}

export interface HandleFailedRunDeps {
  host: CiHost;
  output: DiagnosisOutput;
  writer: RepoWriter;
  fixes: FixRequests;
  store: IncidentStore;
  rules: RuleSet;
  seal: StateSeal;
  validate: WorkflowValidator;
  /** Server limit (MAX_LOG_BYTES): a repository may scan less, never more. */
  maxLogBytes: number;
  windowMs: number;
  /** Wall clock (ms since the epoch). */
  now: () => number;
  /** Monotonic ms, for scan durations. */
  monotonic: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Metrics hooks. */
  onScanned?: (scan: { bytes: number; seconds: number; truncated: boolean }) => void;
  onIncident?: (failureClass: FailureClass) => void;
  onDedupeHit?: () => void;
  /** The store lives for one run only (the Action): counts go on from the comment (`PublishDeps.countsFromComment`). */
  countsFromComment?: boolean;
}

export type HandleFailedRunResult =
  | { status: 'config-invalid'; key: string }
  | { status: 'disabled' }
  | { status: 'ignored'; workflow: string }
  /** `incidents`: the diagnosis' incidents with their fix notes (autofix), as published. */
  | { status: 'diagnosed'; diagnosis: RunDiagnosis; incidents: RunIncident[]; pullRequests: number[]; published: PublishResult; fixJobs: { jobId: string; fingerprint: string; branch: string }[] };

/**
 * A CI run failed: diagnose it, publish the diagnosis, propose fixes.
 * 1. the repository's config (invalid: reported on the head commit; disabled: stop); an ignored workflow: stop;
 * 2. diagnose the failed jobs' logs, up to the smaller of the repository's and the server's byte limit;
 * 3. with autofix (or its dry run): which incidents get a fix pull request, and why the others do not;
 * 4. the pull requests to comment on: the run's, or for a fork's run (whose event lists none) those found by its head commit;
 * 5. publish once per incident;
 * 6. enqueue one fix job per incident that has a safe edit (autofix: true).
 */
export async function handleFailedRun(request: FailedRunRequest, deps: HandleFailedRunDeps): Promise<HandleFailedRunResult> {
  const { repo, run } = request;
  // 1. Config.
  const loaded = await loadEnabledConfig(repo, run.headSha, deps);
  if (loaded.status === 'invalid') return { status: 'config-invalid', key: loaded.key };
  if (loaded.status === 'disabled') return { status: 'disabled' };
  const { config } = loaded;
  if (config.ignoreWorkflows.some((name) => name === run.workflowName || name === run.workflowPath)) return { status: 'ignored', workflow: run.workflowName };
  // 2. Diagnose.
  const maxLogBytes = Math.min(config.maxLogBytes ?? deps.maxLogBytes, deps.maxLogBytes);
  const diagnosis = await diagnoseWorkflowRun(
    { owner: repo.owner, repo: repo.repo, runId: run.runId },
    { actions: deps.host, rules: deps.rules, maxLogBytes, classes: config.classes, now: deps.monotonic, ...(deps.onScanned === undefined ? {} : { onScanned: deps.onScanned }) },
  );
  for (const { incident } of diagnosis.incidents) deps.onIncident?.(incident.class);
  // 3. Fix plans.
  const workflowPath = workflowFilePath(run.workflowPath);
  const autofix = config.autofix !== false && workflowPath !== null && diagnosis.incidents.length > 0;
  const incidents = autofix ? await planFixPrs(repo, workflowPath, diagnosis.incidents, { dryRun: config.autofix === 'dry-run' }, deps) : diagnosis.incidents;
  // 4. Where to comment.
  const somethingToSay = incidents.length > 0 || diagnosis.scans.some((scan) => scan.outcome === 'log-gone');
  const pullRequests = run.pullRequests.length === 0 && request.forkHead !== null && somethingToSay ? await deps.host.pullRequestsOf(repo, request.forkHead) : run.pullRequests;
  // 5. Publish.
  const published = await publishDiagnosis(
    {
      repo,
      pullRequests,
      headSha: run.headSha,
      workflow: { id: run.workflowId, name: run.workflowName },
      runId: run.runId,
      runUrl: run.url,
      output: config.output,
      claimKey: request.claimKey,
      incidents,
      scans: diagnosis.scans,
      maxLogBytes,
    },
    {
      store: deps.store,
      output: deps.output,
      now: deps.now,
      seal: deps.seal,
      sleep: deps.sleep,
      windowMs: deps.windowMs,
      ...(deps.onDedupeHit === undefined ? {} : { onDedupeHit: deps.onDedupeHit }),
      ...(deps.countsFromComment === undefined ? {} : { countsFromComment: deps.countsFromComment }),
    },
  );
  // 6. Fix jobs.
  const fixJobs: { jobId: string; fingerprint: string; branch: string }[] = [];
  if (workflowPath !== null) {
    for (const { incident, fix } of incidents) {
      if (fix?.kind !== 'planned' || fix.dryRun) continue;
      const jobId = await deps.fixes.enqueue({ repo, run: { ...run, pullRequests }, workflowPath, incident });
      fixJobs.push({ jobId, fingerprint: incident.fingerprint, branch: fix.branch });
    }
  }
  return { status: 'diagnosed', diagnosis, incidents, pullRequests, published, fixJobs };
}
