import { diagnoseText } from '../core/diagnose/diagnose-log.js';
import type { FailureClass } from '../core/model/index.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import type { CiHost } from './ci-host.js';
import type { RunIncident } from './diagnose-workflow-run.js';
import type { DiagnosisOutput } from './diagnosis-output.js';
import type { IncidentStore } from './incident-store.js';
import { loadEnabledConfig } from './load-enabled-config.js';
import type { PublishResult } from './publish-diagnosis.js';
import { publishDiagnosis } from './publish-diagnosis.js';
import type { RepoRef } from './repo-ref.js';
import type { StateSeal } from './state-seal.js';

/** Another app's check (a CI system that reports through check runs): its output text is the log. */
export interface FailedCheckRequest {
  repo: RepoRef;
  check: { id: number; name: string; url: string; text: string };
  headSha: string;
  pullRequests: number[];
  claimKey: string;
}

export interface HandleFailedCheckDeps {
  host: Pick<CiHost, 'loadRepoConfig'>;
  output: DiagnosisOutput;
  store: IncidentStore;
  rules: RuleSet;
  seal: StateSeal;
  windowMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  onIncident?: (failureClass: FailureClass) => void;
  onDedupeHit?: () => void;
}

export type HandleFailedCheckResult = { status: 'config-invalid'; key: string } | { status: 'disabled' } | { status: 'diagnosed'; incidents: RunIncident[]; published: PublishResult };

/**
 * Another app's check run failed:
 * 1. the repository's config (invalid: reported on the head commit; disabled: stop);
 * 2. diagnose the check's output text, keeping the configured classes;
 * 3. publish once per incident, under the workflow `check:<name>` (a later success of that check resolves it).
 */
export async function handleFailedCheck(request: FailedCheckRequest, deps: HandleFailedCheckDeps): Promise<HandleFailedCheckResult> {
  const { repo, check } = request;
  // 1. Config.
  const loaded = await loadEnabledConfig(repo, request.headSha, deps);
  if (loaded.status === 'invalid') return { status: 'config-invalid', key: loaded.key };
  if (loaded.status === 'disabled') return { status: 'disabled' };
  const { config } = loaded;
  // 2. Diagnose.
  const diagnosis = diagnoseText(check.text, deps.rules);
  const incidents: RunIncident[] = diagnosis.incidents
    .filter((incident) => config.classes === null || config.classes.includes(incident.class))
    .map((incident) => ({ incident, jobs: [{ id: check.id, name: check.name, url: check.url, failedStep: null }] }));
  for (const { incident } of incidents) deps.onIncident?.(incident.class);
  // 3. Publish.
  const published = await publishDiagnosis(
    {
      repo,
      pullRequests: request.pullRequests,
      headSha: request.headSha,
      workflow: { id: `check:${check.name}`, name: check.name },
      runId: null,
      runUrl: check.url === '' ? null : check.url,
      output: config.output,
      claimKey: request.claimKey,
      incidents,
      scans: [],
      maxLogBytes: diagnosis.bytes,
    },
    { store: deps.store, output: deps.output, now: deps.now, seal: deps.seal, sleep: deps.sleep, windowMs: deps.windowMs, ...(deps.onDedupeHit === undefined ? {} : { onDedupeHit: deps.onDedupeHit }) },
  );
  return { status: 'diagnosed', incidents, published };
}
