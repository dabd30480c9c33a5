import { createReadStream } from 'node:fs';
import { appendFile, readFile, stat } from 'node:fs/promises';
import { diagnoseLog } from '../core/diagnose/diagnose-log.js';
import type { Incident } from '../core/model/index.js';
import { verdictOf } from '../core/model/incident.js';
import { codeSpan, renderMarkdown } from '../core/render/render-markdown.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import type { CiHost } from '../service/ci-host.js';
import type { CommentEntry, CommentState } from '../service/comment-state.js';
import type { DiagnosisOutput } from '../service/diagnosis-output.js';
import type { QueuedFix } from '../service/fix-requests.js';
import { handleFailedRun } from '../service/handle-failed-run.js';
import type { IncidentStore } from '../service/incident-store.js';
import type { WorkflowValidator } from '../service/propose-workflow-fix.js';
import { renderPrComment } from '../service/render-pr-comment.js';
import type { RepoWriter } from '../service/repo-writer.js';
import { requestFixPr } from '../service/request-fix-pr.js';
import { resolveDiagnosis } from '../service/resolve-diagnosis.js';
import { createStateSeal } from '../service/state-seal.js';
import { ActionError } from './action-error.js';
import { actionOutputs } from './action-outputs.js';
import type { ActionVerdict } from './action-outputs.js';
import type { ActionSettings } from './action-settings.js';
import { actionStateKey } from './action-state-key.js';
import { formatOutputs } from './output-file.js';
import { capSummary } from './step-summary.js';
import { errorAnnotation } from './workflow-commands.js';
import { parseWorkflowRunEvent } from './workflow-run-event.js';
import type { WorkflowRunEvent } from './workflow-run-event.js';
import { withActionAutofix } from './with-action-autofix.js';

/** The GitHub ports over one token (built by the composition root from the github adapter). */
export interface ActionPorts {
  host: CiHost;
  output: DiagnosisOutput;
  writer: RepoWriter;
}

export interface RunActionDeps {
  /** The ports over `token` (the comment, runs and logs) or `fix-token` (fix pull requests). */
  ports: (token: string) => ActionPorts;
  /** A store for this run only: the state that lasts lives in the comment. */
  store: IncidentStore;
  rules: () => RuleSet;
  validate: WorkflowValidator;
  /** Wall clock (ms since the epoch) and monotonic ms. */
  now: () => number;
  monotonic: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Random delimiters for GITHUB_OUTPUT. */
  randomId: () => string;
  /** The step's log: annotations and one line of result. */
  stdout: { write(text: string): unknown };
}

/** What a diagnosis gives the step: its verdict and incidents (outputs), the summary, the annotations, one log line. */
interface ActionReport {
  verdict: ActionVerdict;
  incidents: Incident[];
  summary: string;
  annotations: string[];
  line: string;
}

/** GitHub shows 10 error annotations per step. */
const MAX_ANNOTATIONS = 10;
const EVIDENCE_PER_INCIDENT = 3;
/** The dedupe window of the run's own store (the comment carries what lasts). */
const WINDOW_MS = 24 * 3600 * 1000;

/**
 * The Action, in one step:
 * 1. diagnose: the log file (step mode), or the failed run of the `workflow_run` event (comment, fix
 *    pull requests) or its green run (resolve);
 * 2. write the `::error` annotations on the evidence and a line of result to the log;
 * 3. append the diagnosis to GITHUB_STEP_SUMMARY and the outputs to GITHUB_OUTPUT;
 * 4. the exit code: 0, or 1 with `fail-on-incident` when an architecture problem was found.
 */
export async function runAction(settings: ActionSettings, deps: RunActionDeps): Promise<number> {
  // 1. Diagnose.
  const report = settings.mode.kind === 'step' ? await diagnoseFile(settings.mode.logFile, settings, deps) : await diagnoseEvent(settings.mode.eventPath, settings, deps);
  // 2. The log.
  for (const annotation of report.annotations.slice(0, MAX_ANNOTATIONS)) deps.stdout.write(annotation);
  deps.stdout.write(`goarch: ${report.line}\n`);
  // 3. Summary and outputs.
  if (settings.summaryPath !== null) await appendFile(settings.summaryPath, capSummary(report.summary));
  if (settings.outputPath !== null) await appendFile(settings.outputPath, formatOutputs(actionOutputs(report.verdict, report.incidents), deps.randomId));
  // 4. Exit code.
  return settings.failOnIncident && report.verdict === 'architecture' ? 1 : 0;
}

/** Step mode: a log file the job wrote. */
async function diagnoseFile(logFile: string, settings: ActionSettings, deps: RunActionDeps): Promise<ActionReport> {
  const unreadable = (error: unknown) => new ActionError('log-unreadable', `input log-file: ${logFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  const info = await stat(logFile).catch((error: unknown) => {
    throw unreadable(error);
  });
  if (!info.isFile()) throw new ActionError('log-unreadable', `input log-file: ${logFile} is not a file`);
  let diagnosis;
  try {
    diagnosis = await diagnoseLog(createReadStream(logFile), deps.rules(), { maxBytes: settings.maxLogBytes });
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code === 'string') throw unreadable(error);
    throw error;
  }
  const verdict = diagnosis.verdict ?? verdictOf(diagnosis);
  const note = diagnosis.truncated ? `The log is longer than ${settings.maxLogBytes} bytes: goarch read that much of it.` : undefined;
  return {
    verdict,
    incidents: diagnosis.incidents,
    summary: `${note === undefined ? '' : `_${note}_\n\n`}${renderMarkdown(diagnosis)}`,
    annotations: diagnosis.incidents.flatMap((incident) =>
      incident.evidence.slice(0, EVIDENCE_PER_INCIDENT).map((e) => errorAnnotation(`${incident.title}: ${e.text}`, { file: logFile, line: e.line, title: `goarch: ${incident.class}` })),
    ),
    line: `${verdict}: ${incidentWords(diagnosis.incidents)} in ${diagnosis.lines} lines (${diagnosis.bytes} bytes) of the log file`,
  };
}

/** Workflow-run mode: the event's run failed (diagnose, comment) or succeeded (resolve). */
async function diagnoseEvent(eventPath: string, settings: ActionSettings, deps: RunActionDeps): Promise<ActionReport> {
  const text = await readFile(eventPath, 'utf8').catch((error: unknown) => {
    throw new ActionError('event-invalid', `GITHUB_EVENT_PATH (${eventPath}) cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  });
  const event = parseWorkflowRunEvent(text, eventPath);
  const ports = deps.ports(settings.token ?? '');
  const seal = createStateSeal(actionStateKey(settings.stateKey, event.repositoryId));
  const workflow = { id: event.run.workflowId, name: event.run.workflowName };
  if (event.conclusion === 'success') {
    const resolved = await resolveDiagnosis(
      { repo: event.repo, headSha: event.run.headSha, pullRequests: event.run.pullRequests, forkHead: event.forkHead, workflow, runId: event.run.runId, runUrl: event.run.url },
      { host: ports.host, store: deps.store, output: ports.output, seal, now: deps.now },
    );
    const words = resolved.length === 1 ? '1 architecture problem' : `${resolved.length} architecture problems`;
    return {
      verdict: resolved.length > 0 ? 'resolved' : 'nothing-found',
      incidents: [],
      summary: resolved.length > 0 ? `### goarch: resolved\n\n${words} goarch reported for this workflow ${resolved.length === 1 ? 'is' : 'are'} fixed: run ${event.run.runId} succeeded.\n` : '### goarch\n\nThe run succeeded; goarch had nothing open to resolve for this workflow.\n',
      annotations: [],
      line: `run ${event.run.runId} succeeded: ${resolved.length > 0 ? `${words} resolved` : 'nothing to resolve'}`,
    };
  }
  if (event.conclusion !== 'failure') return skipped(`run ${event.run.runId} ended ${JSON.stringify(event.conclusion ?? 'without a conclusion')}: nothing to do`);
  return diagnoseFailedRun(event, ports, seal, settings, deps);
}

async function diagnoseFailedRun(event: WorkflowRunEvent, ports: ActionPorts, seal: ReturnType<typeof createStateSeal>, settings: ActionSettings, deps: RunActionDeps): Promise<ActionReport> {
  const queued: QueuedFix[] = [];
  const result = await handleFailedRun(
    { repo: event.repo, run: event.run, forkHead: event.forkHead, claimKey: `action:${event.run.runId}:${event.attempt}` },
    {
      host: withActionAutofix(ports.host, { fixPullRequests: settings.fixToken !== null }),
      output: ports.output,
      writer: ports.writer,
      // Fix pull requests are opened in this same step, below, with the fix token.
      fixes: {
        enqueue: async (fix) => {
          queued.push(fix);
          return `fix:${fix.incident.fingerprint}`;
        },
      },
      store: deps.store,
      rules: deps.rules(),
      seal,
      validate: deps.validate,
      maxLogBytes: settings.maxLogBytes,
      windowMs: WINDOW_MS,
      now: deps.now,
      monotonic: deps.monotonic,
      sleep: deps.sleep,
      // No store outlives this step: "seen N times" goes on from the comment.
      countsFromComment: true,
    },
  );
  if (result.status === 'config-invalid') return skipped(`.github/goarch.yml is invalid at ${result.key}: a check run on the head commit says what to fix`);
  if (result.status === 'disabled') return skipped('goarch is disabled by .github/goarch.yml');
  if (result.status === 'ignored') return skipped('this workflow is in ignoreWorkflows of .github/goarch.yml');
  const fixLines = settings.fixToken === null ? [] : await openFixPullRequests(queued, settings.fixToken, settings, deps);
  const { incidents, diagnosis } = result;
  const gone = diagnosis.scans.filter((scan) => scan.outcome === 'log-gone').map((scan) => scan.job);
  const entries: CommentEntry[] = incidents.map(({ incident, jobs, fix }) => ({
    fingerprint: incident.fingerprint,
    incident,
    workflow: { id: event.run.workflowId, name: event.run.workflowName },
    runId: event.run.runId,
    runUrl: event.run.url,
    jobs,
    count: 1,
    truncatedAt: diagnosis.scans.some((scan) => scan.truncated && jobs.some((job) => job.id === scan.job.id)) ? settings.maxLogBytes : null,
    resolved: null,
    ...(fix === undefined ? {} : { fix }),
  }));
  const state: CommentState = { v: 1, entries, gone: gone.length === 0 ? null : { workflow: { id: event.run.workflowId, name: event.run.workflowName }, runUrl: event.run.url, jobs: gone } };
  const scanned = diagnosis.scans.filter((scan) => scan.outcome === 'scanned');
  const bytes = scanned.reduce((sum, scan) => sum + scan.bytes, 0);
  const where = result.published.comments.map((c) => `${c.created ? 'commented on' : 'updated the comment on'} #${c.pullRequest}`).concat(result.published.checkRuns.map((c) => `${c.created ? 'created' : 'updated'} check run ${c.checkRunId}`));
  const summary =
    entries.length === 0 && state.gone === null
      ? `### goarch\n\ngoarch found no CPU-architecture problem in the ${scanned.length} failed job log${scanned.length === 1 ? '' : 's'} of run ${event.run.runId} (${bytes} bytes read).\n`
      : renderPrComment(state, { embedState: false });
  return {
    verdict: incidents.length > 0 ? 'architecture' : 'nothing-found',
    incidents: incidents.map((item) => item.incident),
    summary: [summary, ...fixLines.map((line) => `- ${line}`)].join('\n'),
    annotations: incidents.flatMap(({ incident, jobs }) =>
      incident.evidence.slice(0, EVIDENCE_PER_INCIDENT).map((e) => errorAnnotation(`${incident.title}: line ${e.line} of ${jobs[0]?.name ?? 'the job'}'s log: ${e.text}`, { title: `goarch: ${incident.class}` })),
    ),
    line: [`run ${event.run.runId} failed: ${incidentWords(result.incidents.map((item) => item.incident))} in ${scanned.length} job log(s), ${bytes} bytes`, ...where, ...fixLines.map(plain)].join('; '),
  };
}

/** With the fix token: one fix pull request per queued incident, through the service's one fix path. */
async function openFixPullRequests(queued: QueuedFix[], fixToken: string, settings: ActionSettings, deps: RunActionDeps): Promise<string[]> {
  if (queued.length === 0) return [];
  const ports = deps.ports(fixToken);
  const lines: string[] = [];
  for (const fix of queued) {
    const name = `\`${codeSpan(fix.incident.class, 60)}\` (${codeSpan(fix.incident.fingerprint, 40)})`;
    let requested: Awaited<ReturnType<typeof requestFixPr>>;
    try {
      requested = await requestFixPr(
        {
          repo: fix.repo,
          trigger: { kind: 'autofix' },
          pullRequests: fix.run.pullRequests,
          targets: async () => [{ run: { id: fix.run.runId, url: fix.run.url, workflowName: fix.run.workflowName }, workflowPath: fix.workflowPath, incident: fix.incident, pullRequests: fix.run.pullRequests }],
        },
        { host: ports.host, writer: ports.writer, validate: deps.validate, rules: deps.rules(), maxLogBytes: settings.maxLogBytes, monotonic: deps.monotonic },
      );
    } catch (error) {
      // The diagnosis is published already: say why this pull request failed and go on (the token's rights, most often).
      const status = (error as { status?: unknown }).status;
      lines.push(`Fix pull request for ${name}: failed${typeof status === 'number' ? ` (GitHub answered HTTP ${status}: does fix-token have contents, pull-requests and workflows write?)` : ''}.`);
      continue;
    }
    const outcome = requested.status === 'checked' ? requested.outcomes[0] : undefined;
    if (outcome?.status !== 'done') lines.push(`Fix pull request for ${name}: not opened (${requested.status}).`);
    else {
      const done = outcome.result;
      const number = 'number' in done && done.number !== null ? ` #${done.number}` : '';
      lines.push(`Fix pull request for ${name}: ${done.status}${number}.`);
    }
  }
  return lines;
}

function skipped(reason: string): ActionReport {
  return { verdict: 'skipped', incidents: [], summary: `### goarch\n\n${reason.replace(/[<>`*_[\]]/g, '')}.\n`, annotations: [], line: reason };
}

function incidentWords(incidents: readonly Incident[]): string {
  if (incidents.length === 0) return 'no architecture problem';
  const classes = [...new Set(incidents.map((i) => i.class))].join(', ');
  return `${incidents.length} architecture problem${incidents.length === 1 ? '' : 's'} (${classes})`;
}

/** A Markdown line as plain log text. */
function plain(line: string): string {
  return line.replace(/`/g, '');
}
