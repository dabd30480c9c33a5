// Runs the Action as the runner does: `node dist-action/index.js` (action.yml's `main`) in a child process,
// with a simulated runner environment (event file, step summary and output files, INPUT_* variables).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ACTION_ENTRY = resolve('dist-action/index.js');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  /** GITHUB_OUTPUT parsed as the runner parses it. */
  outputs: Record<string, string>;
  outputText: string;
}

export interface ActionEnv {
  /** Action inputs by their name in action.yml (`log-file`, `token`...). */
  inputs?: Record<string, string>;
  /** A workflow_run payload to write to GITHUB_EVENT_PATH. */
  event?: unknown;
  eventName?: string;
  apiUrl?: string;
  /** Extra variables (they win). */
  env?: Record<string, string>;
}

export async function runActionProcess(options: ActionEnv): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'goarch-action-'));
  const summaryPath = join(dir, 'step-summary.md');
  const outputPath = join(dir, 'output.txt');
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName ?? (options.event === undefined ? 'push' : 'workflow_run'),
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    RUNNER_TEMP: dir,
  };
  if (options.apiUrl !== undefined) env.GITHUB_API_URL = options.apiUrl;
  if (options.event !== undefined) {
    const eventPath = join(dir, 'event.json');
    writeFileSync(eventPath, JSON.stringify(options.event));
    env.GITHUB_EVENT_PATH = eventPath;
  }
  // The runner's naming: INPUT_ + the name upper-cased, spaces to underscores, hyphens kept.
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  Object.assign(env, options.env ?? {});
  const child = spawn(process.execPath, [ACTION_ENTRY], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const outputText = readFileSync(outputPath, 'utf8');
  return { code, stdout, stderr, summary: readFileSync(summaryPath, 'utf8'), outputs: parseOutputFile(outputText), outputText };
}

/** GITHUB_OUTPUT as the runner reads it: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const [, name = '', delimiter = ''] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`output ${name}: delimiter never closed`);
      outputs[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq === -1) throw new Error(`GITHUB_OUTPUT line is neither name=value nor a heredoc: ${line}`);
    outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}
