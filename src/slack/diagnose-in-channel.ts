import type { Logger } from 'pino';
import { diagnoseLog, diagnoseText } from '../core/diagnose/diagnose-log.js';
import type { Diagnosis } from '../core/model/index.js';
import { escapeSlack } from '../core/render/render-slack-blocks.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { ChannelOutput } from '../service/channel-output.js';
import type { ChannelCandidate, ChannelOutcome } from '../service/post-to-channel.js';
import { postToChannel } from '../service/post-to-channel.js';
import type { IncidentStore } from '../service/incident-store.js';
import { openSlackFile } from './open-slack-file.js';
import type { SlackFileRef } from './open-slack-file.js';
import { parseRunUrl } from './parse-run-url.js';
import type { RunDiagnoser } from '../service/run-diagnoser.js';
import { ServiceError } from '../service/service-error.js';
import type { SlackAccess } from './slack-access.js';
import { channelAllowed, repoAccess } from './slack-access.js';
import { SlackError } from './slack-error.js';
import type { SlackErrorCode } from './slack-error.js';
import { slackErrorText } from './slack-error-text.js';

/** The `RunDiagnoser`'s errors that the Slack user can act on (the same codes as `SlackErrorCode`). */
const RUN_ERRORS = new Set<string>(['app-not-installed', 'run-not-found', 'job-not-in-run', 'private-repo'] satisfies SlackErrorCode[]);

export type DiagnoseSource = { kind: 'url'; url: string } | { kind: 'text'; text: string } | { kind: 'file'; file: SlackFileRef };

export interface DiagnoseInChannelRequest {
  source: DiagnoseSource;
  channel: string;
  /** The thread of a mention: the answer goes there. Null: top level. */
  threadTs: string | null;
  /** Idempotency key of the request (event id, trigger id); a run URL is keyed by its run instead. */
  claimKey: string;
  /** Tells the asker only: an ephemeral message. */
  tell: (text: string) => Promise<void>;
  log: Logger;
}

export interface DiagnoseInChannelDeps {
  rules: RuleSet;
  store: IncidentStore;
  metrics: Metrics;
  outputFor: (channel: string) => ChannelOutput;
  /** Null when the server has no GitHub App. */
  diagnoseRun: RunDiagnoser | null;
  /** Which channels may ask, and about which repositories (SLACK_ALLOWED_CHANNELS, SLACK_CHANNEL_REPOS). */
  access: SlackAccess;
  webBaseUrl: string;
  maxLogBytes: number;
  windowMs: number;
  botToken: string;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

interface Found {
  candidates: ChannelCandidate[];
  claimKey: string;
  what: string;
  notes: string[];
}

/**
 * `/goarch diagnose ...` and `@goarch diagnose ...` after the ack:
 * 1. diagnose the source (a run or job URL through the GitHub App, pasted text, a shared file);
 * 2. nothing found: say so to the asker only;
 * 3. post each incident in the channel once per dedupe window (repeats edit the first message);
 * 4. tell the asker what was left out (muted incidents, logs that are gone, a truncated scan).
 * Never throws: user mistakes and failures are told to the asker.
 */
export async function diagnoseInChannel(request: DiagnoseInChannelRequest, deps: DiagnoseInChannelDeps): Promise<ChannelOutcome[]> {
  try {
    // 1. Diagnose.
    const found = await diagnose(request, deps);
    // 2. Nothing found.
    if (found.candidates.length === 0) {
      await request.tell([`goarch found no CPU-architecture problem in ${found.what}.`, ...found.notes].join('\n'));
      request.log.info({ source: request.source.kind }, 'slack diagnosis: nothing found');
      return [];
    }
    // 3. Post once per incident.
    const outcomes = await postToChannel(
      { channel: request.channel, claimKey: found.claimKey, threadTs: request.threadTs, incidents: found.candidates },
      { store: deps.store, output: deps.outputFor(request.channel), now: deps.now, sleep: deps.sleep, windowMs: deps.windowMs, onDedupeHit: () => deps.metrics.dedupeHits.inc() },
    );
    // 4. What was left out.
    const muted = outcomes.filter((o) => o.outcome === 'muted').length;
    const notes = [...found.notes, ...(muted === 0 ? [] : [`${muted} incident${muted > 1 ? 's are' : ' is'} muted in this channel and was not posted.`])];
    if (notes.length > 0) await request.tell(notes.join('\n'));
    request.log.info({ source: request.source.kind, outcomes: outcomes.map((o) => ({ fingerprint: o.fingerprint, outcome: o.outcome })) }, 'slack diagnosis posted');
    return outcomes;
  } catch (error) {
    if (error instanceof SlackError) {
      request.log.info({ code: error.code }, 'slack request refused');
      await request.tell(slackErrorText(error)).catch((e: unknown) => request.log.warn({ err: e }, 'slack ephemeral reply failed'));
      return [];
    }
    request.log.error({ err: error }, 'slack diagnosis failed');
    await request.tell('goarch failed to diagnose this (an internal error, logged on the server). Try again in a minute.').catch(() => undefined);
    return [];
  }
}

async function diagnose(request: DiagnoseInChannelRequest, deps: DiagnoseInChannelDeps): Promise<Found> {
  if (!channelAllowed(deps.access, request.channel)) throw new SlackError('channel-not-allowed', 'channel not in SLACK_ALLOWED_CHANNELS', { channel: request.channel });
  const { source } = request;
  if (source.kind === 'text') {
    const diagnosis = diagnoseText(source.text, deps.rules);
    return { ...fromLog(diagnosis, deps), claimKey: request.claimKey, what: 'the pasted log' };
  }
  if (source.kind === 'file') {
    const stream = await openSlackFile(source.file, deps.botToken, deps.fetch);
    const diagnosis = await diagnoseLog(stream, deps.rules, { maxBytes: deps.maxLogBytes });
    deps.metrics.logBytesScanned.inc(diagnosis.bytes);
    return { ...fromLog(diagnosis, deps), claimKey: request.claimKey, what: `\`${escapeSlack(source.file.name)}\`` };
  }
  const target = parseRunUrl(source.url, deps.webBaseUrl);
  if (target === null) throw new SlackError('not-a-run-url', 'not a run URL', { url: source.url.slice(0, 200), web: deps.webBaseUrl });
  if (deps.diagnoseRun === null) throw new SlackError('github-not-configured', 'no GitHub App on this server');
  const meta = { repo: `${target.owner}/${target.repo}`, runId: String(target.runId), ...(target.jobId === null ? {} : { jobId: String(target.jobId) }) };
  const access = repoAccess(deps.access, request.channel, target.owner, target.repo);
  if (access === 'refused') throw new SlackError('repo-not-for-channel', 'repository not mapped to this channel', meta);
  const diagnosis = await deps.diagnoseRun(target, { publicOnly: access === 'public-only' }).catch((error: unknown) => {
    // What the CI host said about the run, in the words of the Slack user's answer.
    if (error instanceof ServiceError && RUN_ERRORS.has(error.code)) throw new SlackError(error.code as SlackErrorCode, error.message, meta, { cause: error });
    throw error;
  });
  if (diagnosis.scans.length === 0) throw new SlackError('no-failed-jobs', 'no failed job', meta);
  const gone = diagnosis.scans.filter((scan) => scan.outcome === 'log-gone');
  if (gone.length === diagnosis.scans.length) throw new SlackError('log-gone', 'every failed log is gone', meta);
  const candidates = diagnosis.incidents.map(({ incident, jobs }): ChannelCandidate => {
    const truncated = diagnosis.scans.some((scan) => scan.truncated && jobs.some((job) => job.id === scan.job.id));
    return { incident, link: target.url, run: { owner: target.owner, repo: target.repo, runId: target.runId }, jobId: jobs[0]?.id ?? null, truncatedAt: truncated ? deps.maxLogBytes : null };
  });
  const notes = gone.length === 0 ? [] : [`The log${gone.length > 1 ? 's' : ''} of ${gone.map((scan) => `_${escapeSlack(scan.job.name)}_`).join(', ')} ${gone.length > 1 ? 'are' : 'is'} gone (expired or deleted) and could not be read.`];
  return {
    candidates,
    claimKey: `run:${target.owner}/${target.repo}/${target.runId}${target.jobId === null ? '' : `/${target.jobId}`}`,
    what: `the failed job${diagnosis.scans.length > 1 ? 's' : ''} of <${target.url}|run ${target.runId}>`,
    notes,
  };
}

function fromLog(diagnosis: Diagnosis, deps: DiagnoseInChannelDeps): { candidates: ChannelCandidate[]; notes: string[] } {
  for (const incident of diagnosis.incidents) deps.metrics.incidents.inc({ class: incident.class });
  const truncatedAt = diagnosis.truncated ? deps.maxLogBytes : null;
  return {
    candidates: diagnosis.incidents.map((incident) => ({ incident, link: null, run: null, jobId: null, truncatedAt })),
    notes: [...(truncatedAt === null ? [] : [`The log is longer than ${truncatedAt} bytes; goarch scanned up to there.`]), ...nearestNote(diagnosis)],
  };
}

/** A look-alike, said in Slack: the nearest cause, its first evidence line and the hint. Every value is escaped. */
function nearestNote(diagnosis: Diagnosis): string[] {
  const n = diagnosis.incidents.length === 0 ? diagnosis.nearest : null;
  if (!n) return [];
  const code = (text: string): string => escapeSlack(text).replace(/`/g, "'").slice(0, 300);
  const first = n.evidence[0];
  return [
    `It looks like one, but it is not: *${escapeSlack(n.cause)}*: ${escapeSlack(n.title)}`,
    ...(first ? [`line ${first.line}: \`${code(first.text)}\``] : []),
    `*Hint:* ${escapeSlack(n.hint.summary)}${n.hint.command ? ` \`${code(n.hint.command)}\`` : ''}`,
  ];
}
