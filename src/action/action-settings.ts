import { ActionError } from './action-error.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** What the Action does in this step: diagnose a log file the job wrote, or the run a `workflow_run` event names. */
export type ActionMode = { kind: 'step'; logFile: string } | { kind: 'workflow-run'; eventPath: string };

/** The Action's inputs and the runner's variables, checked. */
export interface ActionSettings {
  mode: ActionMode;
  /** Reads runs and logs, writes the comment and check runs (default: the workflow's GITHUB_TOKEN). */
  token: string | null;
  /** A token that may edit workflows (`workflows: write`): only with it are fix pull requests opened. */
  fixToken: string | null;
  /** Exit 1 when an architecture problem is found (default: 0, the diagnosis is informational). */
  failOnIncident: boolean;
  /** Secret that signs the state kept in the comment; null: derived from the repository (see README). */
  stateKey: string | null;
  /** The login that writes the comment with `token`: only its comments are goarch's. */
  commentAuthor: string;
  /** Each log is scanned up to this many bytes. */
  maxLogBytes: number;
  /** REST API root (GITHUB_API_URL). */
  apiUrl: string;
  /** GITHUB_STEP_SUMMARY and GITHUB_OUTPUT; null when the runner gives none. */
  summaryPath: string | null;
  outputPath: string | null;
}

const MIB = 1024 * 1024;
const DEFAULT_MAX_LOG_BYTES = 100 * MIB;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An input as the runner passes it: `INPUT_<NAME>` upper-cased, spaces as `_` (hyphens kept), trimmed; empty is absent. */
function input(env: Env, name: string): string | null {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim() ?? '';
  return value === '' ? null : value;
}

/** The YAML 1.2 core booleans, as Actions' own `getBooleanInput` accepts them. */
function booleanInput(env: Env, name: string, fallback: boolean): boolean {
  const value = input(env, name);
  if (value === null) return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new ActionError('input-invalid', `input ${name} must be true or false, not ${JSON.stringify(value.slice(0, 40))}`);
}

/** GITHUB_API_URL: https, or http on loopback only (a test's fake GitHub): a token is never sent in clear to another host. */
function apiUrl(env: Env): string {
  const raw = env.GITHUB_API_URL?.trim() || 'https://api.github.com';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ActionError('env-invalid', 'GITHUB_API_URL is not a URL');
  }
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!ok || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') throw new ActionError('env-invalid', 'GITHUB_API_URL must be an https URL (http only on loopback) without credentials, query or fragment');
  return url.href.replace(/\/+$/, '');
}

/**
 * The settings from the step's environment (the Action's inputs and the runner's variables), every
 * mistake named in one line. Step mode when `log-file` is set; else the event must be `workflow_run`.
 */
export function readActionSettings(env: Env): ActionSettings {
  const logFile = input(env, 'log-file');
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  let mode: ActionMode;
  if (logFile !== null) mode = { kind: 'step', logFile };
  else if (eventName === 'workflow_run') {
    const eventPath = env.GITHUB_EVENT_PATH?.trim() ?? '';
    if (eventPath === '') throw new ActionError('env-invalid', 'GITHUB_EVENT_PATH is not set: the workflow_run event cannot be read');
    mode = { kind: 'workflow-run', eventPath };
  } else {
    throw new ActionError('input-invalid', `nothing to diagnose: set the log-file input, or run the Action on workflow_run (this event is ${JSON.stringify(eventName.slice(0, 40) || 'unknown')})`);
  }
  const token = input(env, 'token');
  if (mode.kind === 'workflow-run' && token === null) throw new ActionError('input-invalid', 'input token is empty: on workflow_run the Action reads the run and comments with it (default: github.token)');
  const maxText = input(env, 'max-log-bytes');
  let maxLogBytes = DEFAULT_MAX_LOG_BYTES;
  if (maxText !== null) {
    if (!/^\d{4,11}$/.test(maxText) || Number(maxText) < 1024 || Number(maxText) > 10 * 1024 * MIB) throw new ActionError('input-invalid', 'input max-log-bytes must be a whole number of bytes 1024-10737418240');
    maxLogBytes = Number(maxText);
  }
  const author = input(env, 'comment-author') ?? 'github-actions[bot]';
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}(\[bot\])?$/.test(author)) throw new ActionError('input-invalid', 'input comment-author must be a GitHub login (e.g. github-actions[bot])');
  return {
    mode,
    token,
    fixToken: input(env, 'fix-token'),
    failOnIncident: booleanInput(env, 'fail-on-incident', false),
    stateKey: input(env, 'state-key'),
    commentAuthor: author,
    maxLogBytes,
    apiUrl: apiUrl(env),
    summaryPath: env.GITHUB_STEP_SUMMARY?.trim() || null,
    outputPath: env.GITHUB_OUTPUT?.trim() || null,
  };
}
