import { cpSync, mkdirSync, rmSync } from 'node:fs';
import type { LoadedScenario } from './loaded-scenario.js';
import { runProcess } from './run-process.js';

/** Copies the scenario into a clean workspace and runs its setup commands there; throws when setup fails. */
export async function prepareWorkspace(scenario: LoadedScenario, workspace: string, env: NodeJS.ProcessEnv): Promise<void> {
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  cpSync(scenario.dir, workspace, { recursive: true, filter: (src) => !src.endsWith('/scenario.json') });
  for (const cmd of scenario.spec.setup) {
    const r = await runProcess('/usr/bin/bash', ['-e', '-c', cmd], { cwd: workspace, env, timeoutMs: 300_000 });
    if (r.exitCode !== 0) throw new Error(`setup command failed (exit ${r.exitCode}): ${cmd}\n${r.stdout}${r.stderr}`);
  }
}
