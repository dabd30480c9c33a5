import { existsSync } from 'node:fs';
import { runProcess } from './run-process.js';
import { diagnosisOutputSchema } from './diagnosis-output.js';
import type { DiagnosisOutput } from './diagnosis-output.js';

export type DiagnoseResult = { ok: true; output: DiagnosisOutput } | { ok: false; problem: string };

/** Runs `node <cli> diagnose --json <log>` and parses its JSON (any exit code is accepted if stdout is the JSON). */
export async function diagnoseLog(cli: string, logPath: string, cwd: string, env: NodeJS.ProcessEnv): Promise<DiagnoseResult> {
  if (!existsSync(cli)) return { ok: false, problem: `${cli} not found: run npm run build first` };
  const r = await runProcess(process.execPath, [cli, 'diagnose', '--json', logPath], { cwd, env, timeoutMs: 120_000 });
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    return { ok: false, problem: `goarch diagnose exited ${r.exitCode} without JSON on stdout: ${(r.stderr || r.stdout).trim().slice(0, 400)}` };
  }
  const parsed = diagnosisOutputSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: `goarch diagnose JSON has an unexpected shape: ${parsed.error.message.slice(0, 400)}` };
  return { ok: true, output: parsed.data };
}
