import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { unifiedDiff } from '../core/fix/unified-diff.js';
import { validateWorkflowLazily } from '../runtime/validate-workflow-lazily.js';
import { proposeWorkflowFix } from '../service/propose-workflow-fix.js';
import { CliError } from './cli-error.js';
import { loadRules } from './load-rules.js';
import { diagnoseInput } from './diagnose-input.js';
import type { FixArgs } from './parse-args.js';
import type { CliIo } from './run-cli.js';

/** Exit code when the log shows no incident the workflow can be edited for. */
export const EXIT_NO_SAFE_EDIT = 3;

/**
 * `goarch fix`: the dry run of a fix pull request, without GitHub.
 * 1. read the workflow and diagnose the log;
 * 2. propose the first safe edit (patched, then validated by GitHub's workflow parser);
 * 3. print the explanation and the unified diff; with --output, write the patched workflow.
 * Exit 0 patched, 3 no safe edit (nothing written), 2 bad input (thrown as CliError).
 */
export async function runFix(args: FixArgs, io: CliIo): Promise<number> {
  // 1. Inputs.
  const workflow = readWorkflow(args.workflow);
  const rules = await loadRules(args.rules);
  const { diagnosis } = await diagnoseInput(args.log, { stdin: io.stdin ?? process.stdin, env: io.env ?? {} }, rules, { maxBytes: null });
  // 2. Propose.
  const proposal = await proposeWorkflowFix(workflow, diagnosis.incidents, args.workflow, validateWorkflowLazily);
  if (proposal.status === 'no-safe-edit') {
    if (proposal.code === 'invalid-workflow') throw new CliError('BAD_WORKFLOW', `${args.workflow}: ${oneLine(proposal.reason)}`);
    io.stdout.write(`goarch: no safe edit for ${args.workflow}: ${oneLine(proposal.reason)}\n`);
    return EXIT_NO_SAFE_EDIT;
  }
  // 3. Print, and write.
  const { incident } = proposal;
  const out = [
    `goarch fix: ${incident.class}: ${oneLine(incident.title)}`,
    `strategy ${proposal.strategy}, ${proposal.changedLines} line${proposal.changedLines === 1 ? '' : 's'} changed, fingerprint ${incident.fingerprint}`,
    '',
    ...proposal.explanation.map((line) => `- ${line}`),
    '',
    unifiedDiff(workflow, proposal.text, { oldName: `a/${args.workflow}`, newName: `b/${args.workflow}` }).trimEnd(),
  ];
  io.stdout.write(`${out.join('\n')}\n`);
  if (args.output !== null) {
    try {
      writeFileSync(args.output, proposal.text);
    } catch (error) {
      throw new CliError('BAD_INPUT', `cannot write "${args.output}": ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    io.stderr.write(`goarch: wrote the patched workflow to ${args.output}\n`);
  }
  return 0;
}

function readWorkflow(path: string): string {
  try {
    if (statSync(path).isDirectory()) throw new CliError('BAD_INPUT', `cannot read "${path}": it is a directory`);
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError('BAD_INPUT', `cannot read "${path}": ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code}`);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
