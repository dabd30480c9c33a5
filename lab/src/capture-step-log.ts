import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { LoadedScenario } from './loaded-scenario.js';
import { runProcess } from './run-process.js';
import { frameStep } from './frame-step.js';
import { stampNow } from './stamp-now.js';
import { expandWorkspace } from './expand-workspace.js';

export interface CapturedLog {
  /** The whole log file: header comments, the `go version` step, the failing step. */
  text: string;
  exitCode: number;
  /** `go1.19.8` */
  goVersion: string;
  /** `go version go1.19.8 linux/amd64` */
  goVersionLine: string;
  osName: string;
}

function osName(): string {
  const path = '/etc/os-release';
  if (!existsSync(path)) return 'unknown OS';
  const m = /^PRETTY_NAME="?(?<name>[^"\n]*)"?$/m.exec(readFileSync(path, 'utf8'));
  return m?.groups?.['name'] ?? 'unknown OS';
}

/**
 * Runs `go version` as a first step (it shows the host platform, as setup-go does in real logs) and then
 * the scenario's command as `bash -e <script>`, like the runner does, and frames both as an Actions log.
 * The workspace must already be prepared.
 */
export async function captureStepLog(scenario: LoadedScenario, workspace: string, tempDir: string, baseEnv: NodeJS.ProcessEnv): Promise<CapturedLog> {
  const versionStep = frameStep({ command: 'go version', env: {} }, stampNow);
  const goVersion = await runProcess('go', ['version'], { cwd: workspace, env: baseEnv, timeoutMs: 60_000 });
  if (goVersion.exitCode !== 0) throw new Error(`go version failed: ${goVersion.stderr}`);
  const goVersionLine = goVersion.stdout.trim();
  const version = /go version (?<v>go\S+)/.exec(goVersionLine)?.groups?.['v'] ?? 'go?';

  mkdirSync(tempDir, { recursive: true });
  const script = join(tempDir, `${randomUUID()}.sh`);
  writeFileSync(script, `${scenario.spec.command.replace(/\n+$/, '')}\n`);
  const stepEnv = Object.fromEntries(Object.entries(scenario.spec.env).map(([k, v]) => [k, expandWorkspace(v, workspace)]));
  const failingStep = frameStep({ command: scenario.spec.command, env: stepEnv }, stampNow);
  const run = await runProcess('/usr/bin/bash', ['-e', script], { cwd: workspace, env: { ...baseEnv, ...stepEnv }, timeoutMs: 600_000 });

  const os = osName();
  const header = [
    `# goarch lab fixture: ${scenario.name}`,
    `# scenario: lab/scenarios/${scenario.name}`,
    `# captured with ${version} on ${os} by lab/run-lab.ts`,
    '# regenerate with: npm run fixtures',
  ];
  const lines = [
    ...header,
    ...versionStep.open,
    ...goVersion.stampedLines,
    ...versionStep.close(0),
    ...failingStep.open,
    ...run.stampedLines,
    ...failingStep.close(run.exitCode),
  ];
  return { text: `${lines.join('\n')}\n`, exitCode: run.exitCode, goVersion: version, goVersionLine, osName: os };
}
