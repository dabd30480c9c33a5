import { appendFileSync, writeFileSync } from 'node:fs';
import { runProcess } from './run-process.js';

export interface FixRun {
  ok: boolean;
  /** Why it failed, or '' */
  problem: string;
  stdout: string;
}

/** Runs the fix commands in order, each with `bash -e -c`, stopping at the first non-zero exit. The transcript goes to `transcriptPath`. */
export async function runFix(commands: readonly string[], workspace: string, env: NodeJS.ProcessEnv, transcriptPath: string): Promise<FixRun> {
  writeFileSync(transcriptPath, '');
  if (commands.length === 0) return { ok: false, problem: 'the diagnosis has no fix commands', stdout: '' };
  let stdout = '';
  for (const [i, cmd] of commands.entries()) {
    const r = await runProcess('/usr/bin/bash', ['-e', '-c', cmd], { cwd: workspace, env, timeoutMs: 900_000 });
    stdout += r.stdout;
    appendFileSync(transcriptPath, `$ ${cmd}\n${r.stampedLines.join('\n')}\n[exit ${r.exitCode}${r.timedOut ? ', timed out' : ''}]\n`);
    if (r.exitCode !== 0) return { ok: false, problem: `fix command ${i + 1} exited ${r.exitCode}: ${cmd} (see ${transcriptPath})`, stdout };
  }
  return { ok: true, problem: '', stdout };
}
