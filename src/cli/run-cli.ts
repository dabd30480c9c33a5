import { RuleError } from '../core/rules/rule-error.js';
import { diagnoseLog } from '../core/diagnose/diagnose-log.js';
import { renderJson } from '../core/render/render-json.js';
import { renderMarkdown } from '../core/render/render-markdown.js';
import { renderSlackBlocks } from '../core/render/render-slack-blocks.js';
import { renderText } from '../core/render/render-text.js';
import { loadRuleSet, BUILTIN_RULES_DIR } from '../service/load-rule-set.js';
import { CliError } from './cli-error.js';
import { openLog } from './open-log.js';
import { parseArgs, type DiagnoseArgs } from './parse-args.js';
import { progressBar } from './progress-bar.js';

export const USAGE = `goarch: diagnose Go CI failures caused by CPU architecture

Usage:
  goarch diagnose [--format text|markdown|json|slack] [--json] [--fail-on-incident]
                  [--max-bytes SIZE] [--rules DIR] <log-file | ->
  goarch fix --workflow .github/workflows/ci.yml --log failed.log [--output FILE]

Exit codes (diagnose): 0 ran, 1 incidents found with --fail-on-incident, 2 bad input.
Exit codes (fix): 0 patched, 3 no safe edit, 2 bad input.`;

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  version: string;
}

/** Runs one command and returns its exit code; user mistakes become one line on stderr, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.command === 'version') {
      io.stdout.write(`${io.version}\n`);
      return 0;
    }
    // The patcher and GitHub's workflow parser are loaded only for `fix`: `diagnose` does not pay for them.
    if (args.command === 'fix') return await (await import('./run-fix.js')).runFix(args, io);
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
  const rules = loadRuleSet(args.rulesDir ?? BUILTIN_RULES_DIR);
  const { stream, size } = openLog(args.input);
  const bar = progressBar(io.stderr, size);
  const options = args.maxBytes !== null ? { maxBytes: args.maxBytes, onProgress: bar.update } : { onProgress: bar.update };
  const diagnosis = await diagnoseLog(stream, rules, options);
  bar.done();
  let out: string;
  if (args.format === 'json') out = `${renderJson(diagnosis)}\n`;
  else if (args.format === 'markdown') out = renderMarkdown(diagnosis, diagnosis.truncated ? { note: `Only the first ${diagnosis.bytes} bytes of the log were scanned.` } : {});
  else if (args.format === 'slack') out = `${JSON.stringify(renderSlackBlocks(diagnosis), null, 2)}\n`;
  else out = renderText(diagnosis, { color: !!io.stdout.isTTY && !process.env.NO_COLOR });
  io.stdout.write(out);
  return args.failOnIncident && diagnosis.incidents.length > 0 ? 1 : 0;
}
