import { RuleError } from '../core/rules/rule-error.js';
import { renderMarkdown } from '../core/render/render-markdown.js';
import { renderSlackBlocks } from '../core/render/render-slack-blocks.js';
import { renderText } from '../core/render/render-text.js';
import { CliError } from './cli-error.js';
import { loadRules } from './load-rules.js';
import { diagnoseInput } from './diagnose-input.js';
import { renderDiagnosisJson } from './render-diagnosis-json.js';
import { renderSources } from './render-sources.js';
import { parseArgs, type DiagnoseArgs } from './parse-args.js';
import { progressBar } from './progress-bar.js';
import { runExplain } from './run-explain.js';
import { runRules } from './run-rules.js';
import { USAGE } from './usage.js';
import { useColor } from './use-color.js';

export { USAGE };

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  version: string;
  /** Standard input, for `diagnose -` (default: process.stdin). */
  stdin?: AsyncIterable<Uint8Array> & { isTTY?: boolean };
  /** The variables the CLI reads: FORCE_COLOR, NO_COLOR (the composition root passes process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Runs one command and returns its exit code; user mistakes become one line on stderr, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      io.stdout.write(`${USAGE[args.topic ?? 'main']}\n`);
      return 0;
    }
    if (args.command === 'version') {
      io.stdout.write(`${io.version}\n`);
      return 0;
    }
    // The patcher and GitHub's workflow parser are loaded only for `fix`: `diagnose` does not pay for them.
    if (args.command === 'fix') return await (await import('./run-fix.js')).runFix(args, io);
    if (args.command === 'rules') return runRules(args, await loadRules(args.rules), io);
    if (args.command === 'explain') return runExplain(args, await loadRules(args.rules), io);
    return await runDiagnose(args, io);
  } catch (error) {
    if (error instanceof CliError || error instanceof RuleError) {
      io.stderr.write(`goarch: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`goarch: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    return 2;
  }
}

async function runDiagnose(args: DiagnoseArgs, io: CliIo): Promise<number> {
  const rules = await loadRules(args.rules);
  const stdin = io.stdin ?? process.stdin;
  if (args.input === '-' && stdin.isTTY) io.stderr.write('goarch: reading the log from the terminal: paste it and press Ctrl-D (or give a file: goarch diagnose build.log)\n');
  const bar: { current: ReturnType<typeof progressBar> | null } = { current: null };
  const merged = await diagnoseInput(args.input, { stdin, env: io.env ?? {} }, rules, {
    maxBytes: args.maxBytes,
    onStart: (size) => (bar.current = progressBar(io.stderr, size)),
    onProgress: (bytes) => bar.current?.update(bytes),
  });
  bar.current?.done();
  const { diagnosis } = merged;
  if (args.input === '-' && diagnosis.bytes === 0) io.stderr.write('goarch: standard input was empty (in docker run, pass -i so that the log reaches goarch)\n');
  let out: string;
  if (args.format === 'json') out = `${renderDiagnosisJson(merged)}\n`;
  else if (args.format === 'markdown') out = renderMarkdown(diagnosis, diagnosis.truncated ? { note: `Only the first ${diagnosis.bytes} bytes of the log were scanned.` } : {}) + renderSources(merged, true);
  else if (args.format === 'slack') out = `${JSON.stringify(renderSlackBlocks(diagnosis), null, 2)}\n`;
  else out = renderText(diagnosis, { color: useColor(args.color, io.env ?? {}, !!io.stdout.isTTY) }) + renderSources(merged, false);
  io.stdout.write(out);
  return args.failOnIncident && diagnosis.incidents.length > 0 ? 1 : 0;
}
