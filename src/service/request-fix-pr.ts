import type { Incident } from '../core/model/index.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import type { CiHost, CiRun } from './ci-host.js';
import { diagnoseWorkflowRun } from './diagnose-workflow-run.js';
import type { RunIncident } from './diagnose-workflow-run.js';
import type { RepoRef } from './repo-ref.js';
import { openFixPr } from './open-fix-pr.js';
import type { OpenFixPrResult } from './open-fix-pr.js';
import type { WorkflowValidator } from './propose-workflow-fix.js';
import type { FixTrigger } from './render-fix-pr-body.js';
import type { RepoConfig } from './repo-config.js';
import type { RepoWriter } from './repo-writer.js';
import { workflowFilePath } from './workflow-file-path.js';

/** Repository permissions that may ask goarch to push a fix branch (`maintain` is reported as `write`). */
const MAY_FIX = new Set(['admin', 'write']);

/** What to fix: an incident of a run, by fingerprint (re-read from the run's logs), or one `handleFailedRun` just read (autofix). */
export type FixTarget =
  /** `seen`: the run as the diagnosis showed it (its link and workflow name), when known. */
  | { runId: number; fingerprint: string; seen?: { url: string | null; workflowName: string } }
  | { run: { id: number; url: string | null; workflowName: string }; workflowPath: string; incident: Incident; pullRequests: number[] };

export interface RequestFixPrRequest {
  repo: RepoRef;
  trigger: FixTrigger;
  /** The incidents to fix, read only once the request is allowed (so a refused request reads nothing more). */
  targets: () => Promise<FixTarget[]>;
  /** Where the incident was seen, for the pull request body; null: the run's own pull requests. */
  pullRequests: number[] | null;
}

export type FixOutcome =
  | { status: 'run-gone'; runId: number; fingerprint: string }
  | { status: 'no-workflow-file'; runId: number; fingerprint: string; path: string | null }
  | { status: 'incident-gone'; runId: number; fingerprint: string }
  | { status: 'done'; runId: number; incident: Incident; result: OpenFixPrResult };

export type RequestFixPrResult =
  | { status: 'refused'; code: 'no-permission'; permission: string }
  | { status: 'refused'; code: 'config-invalid'; key: string; message: string }
  /** Slack: the repository has not opted in with `autofix: true` (a Slack user is not known to the host). */
  | { status: 'refused'; code: 'autofix-off' }
  | { status: 'disabled' }
  | { status: 'nothing-to-fix' }
  | { status: 'checked'; outcomes: FixOutcome[] };

export interface RequestFixPrDeps {
  host: CiHost;
  writer: RepoWriter;
  validate: WorkflowValidator;
  rules: RuleSet;
  /** Server limit (MAX_LOG_BYTES). */
  maxLogBytes: number;
  /** Monotonic ms, for scan durations. */
  monotonic: () => number;
}

/**
 * Someone (or autofix) asks for the fix pull request of incidents; the one path for the comment command,
 * the Slack button and autofix:
 * 1. consent: a comment needs a writer's permission; the Slack button needs the repository's `autofix: true`;
 *    autofix was consented to by that same setting when the run was diagnosed;
 * 2. the repository config (invalid: refused with the key; disabled: nothing) — not re-read for autofix;
 * 3. the targets (none: nothing to fix);
 * 4. for each run: its workflow file (gone or not editable: say so) and its incidents re-read from its logs
 *    (a comment keeps to the repository's `classes`; the Slack button fixes what the channel was shown)
 *    (what is edited comes from the logs, never from the request);
 * 5. `openFixPr` for each incident found.
 */
export async function requestFixPr(request: RequestFixPrRequest, deps: RequestFixPrDeps): Promise<RequestFixPrResult> {
  const { repo, trigger } = request;
  // 1. Consent (a writer) and 2. config.
  let config: RepoConfig | null = null;
  if (trigger.kind === 'comment') {
    const permission = await deps.host.permissionOf(repo, trigger.user);
    if (!MAY_FIX.has(permission)) return { status: 'refused', code: 'no-permission', permission };
  }
  if (trigger.kind !== 'autofix') {
    const loaded = await deps.host.loadRepoConfig(repo);
    if (!loaded.ok) return { status: 'refused', code: 'config-invalid', key: loaded.key, message: loaded.message };
    config = loaded.config;
    // 1. Consent (the repository's own, for a Slack user).
    if (trigger.kind === 'slack' && (!config.enabled || config.autofix !== true)) return { status: 'refused', code: 'autofix-off' };
    if (!config.enabled) return { status: 'disabled' };
  }
  // 3. The targets.
  const targets = await request.targets();
  if (targets.length === 0) return { status: 'nothing-to-fix' };
  const maxLogBytes = Math.min(config?.maxLogBytes ?? deps.maxLogBytes, deps.maxLogBytes);
  const runs = new Map<number, CiRun | null>();
  const incidents = new Map<number, RunIncident[]>();
  const outcomes: FixOutcome[] = [];
  for (const target of targets) {
    if ('incident' in target) {
      // 5. Autofix: the incident was read from this run's logs by the diagnosis that enqueued it.
      const result = await openFixPr({ repo, workflowPath: target.workflowPath, incident: target.incident, run: target.run, pullRequests: target.pullRequests, trigger }, deps);
      outcomes.push({ status: 'done', runId: target.run.id, incident: target.incident, result });
      continue;
    }
    // 4. The run's workflow file and its incidents.
    const { runId } = target;
    if (!runs.has(runId)) runs.set(runId, await deps.host.getRun({ owner: repo.owner, repo: repo.repo, runId }));
    const run = runs.get(runId) ?? null;
    if (run === null) {
      outcomes.push({ status: 'run-gone', runId, fingerprint: target.fingerprint });
      continue;
    }
    const workflowPath = workflowFilePath(run.workflowPath);
    if (workflowPath === null) {
      outcomes.push({ status: 'no-workflow-file', runId, fingerprint: target.fingerprint, path: run.workflowPath });
      continue;
    }
    if (!incidents.has(runId)) {
      const diagnosis = await diagnoseWorkflowRun({ owner: repo.owner, repo: repo.repo, runId }, { actions: deps.host, rules: deps.rules, maxLogBytes, classes: trigger.kind === 'comment' ? (config?.classes ?? null) : null, now: deps.monotonic });
      incidents.set(runId, diagnosis.incidents);
    }
    const incident = incidents.get(runId)?.find((item) => item.incident.fingerprint === target.fingerprint)?.incident;
    if (incident === undefined) {
      outcomes.push({ status: 'incident-gone', runId, fingerprint: target.fingerprint });
      continue;
    }
    // 5. The pull request.
    const seen = { id: runId, url: target.seen?.url ?? run.url, workflowName: target.seen?.workflowName ?? run.workflowName };
    const result = await openFixPr({ repo, workflowPath, incident, run: seen, pullRequests: request.pullRequests ?? run.pullRequests, trigger }, deps);
    outcomes.push({ status: 'done', runId, incident, result });
  }
  return { status: 'checked', outcomes };
}
