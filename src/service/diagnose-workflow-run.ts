import { diagnoseLog } from '../core/diagnose/diagnose-log.js';
import type { FailureClass, Incident } from '../core/model/index.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import type { FixNote } from './comment-state.js';
import type { CiJob, RunLogs, RunRef } from './ci-host.js';
import { ServiceError } from './service-error.js';

/** Where an incident was seen: a job of the run. */
export interface JobRef {
  id: number;
  name: string;
  url: string;
  failedStep: number | null;
}

/** One incident of a run, merged by fingerprint over its jobs. Evidence lines belong to `jobs[0]`'s log. */
export interface RunIncident {
  incident: Incident;
  jobs: JobRef[];
  /** The fix pull request proposed for it, or why there is none (repositories with `autofix: true`). */
  fix?: FixNote;
}

/** What happened to one failed job's log. */
export interface JobScan {
  job: JobRef;
  outcome: 'scanned' | 'log-gone';
  bytes: number;
  /** The log was longer than `maxLogBytes` and was scanned up to it. */
  truncated: boolean;
  incidents: number;
}

export interface RunDiagnosis {
  run: RunRef;
  incidents: RunIncident[];
  /** One per failed job, in the order listed. */
  scans: JobScan[];
}

export interface DiagnoseWorkflowRunDeps {
  actions: RunLogs;
  rules: RuleSet;
  /** Scan each log up to this many bytes. */
  maxLogBytes: number;
  /** Report only these classes; null or absent: all. */
  classes?: readonly FailureClass[] | null;
  /** Monotonic milliseconds, for the scan duration. */
  now: () => number;
  /** Called after each log is scanned (metrics). */
  onScanned?: (scan: { bytes: number; seconds: number; truncated: boolean }) => void;
}

const FAILED = new Set(['failure', 'timed_out']);

/**
 * Diagnoses the failed jobs of one workflow run:
 * 1. list the run's jobs;
 * 2. keep the failed ones (failure, timed_out);
 * 3. stream each failed job's log into the scanner up to `maxLogBytes` (a gone log is recorded, not thrown);
 * 4. merge the incidents of all jobs by fingerprint, keeping the jobs each was seen in.
 */
export async function diagnoseWorkflowRun(run: RunRef, deps: DiagnoseWorkflowRunDeps): Promise<RunDiagnosis> {
  // 1. List the run's jobs.
  const jobs = await deps.actions.listJobs(run);
  // 2. Keep the failed ones.
  const failed = jobs.filter((job) => job.conclusion !== null && FAILED.has(job.conclusion));
  // 3. Scan each failed job's log.
  const scans: JobScan[] = [];
  const found: { job: JobRef; incident: Incident }[] = [];
  for (const job of failed) {
    const ref = jobRef(job);
    const scanned = await scanJob(run, job, deps);
    if (scanned === null) {
      scans.push({ job: ref, outcome: 'log-gone', bytes: 0, truncated: false, incidents: 0 });
      continue;
    }
    const kept = scanned.incidents.filter((incident) => deps.classes === undefined || deps.classes === null || deps.classes.includes(incident.class));
    scans.push({ job: ref, outcome: 'scanned', bytes: scanned.bytes, truncated: scanned.truncated, incidents: kept.length });
    for (const incident of kept) found.push({ job: ref, incident });
  }
  // 4. Merge by fingerprint.
  return { run, incidents: mergeByFingerprint(found), scans };
}

async function scanJob(run: RunRef, job: CiJob, deps: DiagnoseWorkflowRunDeps) {
  let log: AsyncIterable<Uint8Array>;
  try {
    log = await deps.actions.openJobLog(run, job.id);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'log-gone') return null;
    throw error;
  }
  const started = deps.now();
  const diagnosis = await diagnoseLog(log, deps.rules, { maxBytes: deps.maxLogBytes });
  deps.onScanned?.({ bytes: diagnosis.bytes, seconds: (deps.now() - started) / 1000, truncated: diagnosis.truncated });
  return diagnosis;
}

function jobRef(job: CiJob): JobRef {
  return { id: job.id, name: job.name, url: job.url, failedStep: job.failedStep };
}

/** Incidents with one fingerprint become one, seen in every job that showed it; the most confident one is kept. */
function mergeByFingerprint(found: readonly { job: JobRef; incident: Incident }[]): RunIncident[] {
  const byFingerprint = new Map<string, RunIncident>();
  for (const { job, incident } of found) {
    const seen = byFingerprint.get(incident.fingerprint);
    if (seen === undefined) {
      byFingerprint.set(incident.fingerprint, { incident, jobs: [job] });
      continue;
    }
    if (!seen.jobs.some((j) => j.id === job.id)) seen.jobs.push(job);
    if (incident.confidence > seen.incident.confidence) {
      seen.incident = incident;
      // Evidence lines belong to the first job's log: put the job of the kept incident first.
      seen.jobs = [job, ...seen.jobs.filter((j) => j.id !== job.id)];
    }
  }
  return [...byFingerprint.values()];
}
