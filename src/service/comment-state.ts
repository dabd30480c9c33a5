import type { Incident } from '../core/model/index.js';
import type { JobRef } from './diagnose-workflow-run.js';

/** The hidden marker by which goarch finds its one comment on a pull request again. */
export const COMMENT_MARKER = '<!-- goarch:diagnosis -->';

/** The workflow (or, for other apps' check runs, `check:<name>`) an incident came from: a later success of it resolves the incident. */
export interface WorkflowRef {
  id: string;
  name: string;
}

/** With `autofix: true`: the fix pull request goarch proposes for the incident, or why there is none. */
export type FixNote =
  /** `diff`: the unified diff of the workflow edit; `dryRun`: shown only (`autofix: dry-run`), no pull request is opened. */
  | { kind: 'planned'; branch: string; strategy: string; diff: string; dryRun: boolean }
  | { kind: 'none'; reason: string };

/** One incident as the pull request comment shows it. */
export interface CommentEntry {
  fingerprint: string;
  incident: Incident;
  workflow: WorkflowRef;
  runId: number | null;
  runUrl: string | null;
  /** The jobs of the latest run that showed it; evidence lines belong to the first. */
  jobs: JobRef[];
  /** Times seen (from the incident store). */
  count: number;
  /** The byte limit when a log was longer and scanned only up to it. */
  truncatedAt: number | null;
  resolved: { at: number; runId: number | null; runUrl: string | null } | null;
  /** Set when the repository opted in to fix pull requests (`autofix: true`). */
  fix?: FixNote;
}

/** Failed jobs whose logs could no longer be read. */
export interface GoneLogs {
  workflow: WorkflowRef;
  runUrl: string | null;
  jobs: JobRef[];
}

/** Everything the comment shows, kept inside it (base64 JSON in an HTML comment) so any replica can re-render it. */
export interface CommentState {
  v: 1;
  entries: CommentEntry[];
  gone: GoneLogs | null;
}
