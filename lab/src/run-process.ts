import { spawn } from 'node:child_process';
import { stampNow } from './stamp-now.js';

export interface ProcessResult {
  exitCode: number;
  /** stdout and stderr interleaved in arrival order, each line prefixed with its Actions timestamp. */
  stampedLines: string[];
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface ProcessOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** Runs a program, collecting its output both raw and as timestamped log lines. */
export function runProcess(file: string, args: string[], opts: ProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stampedLines: string[] = [];
    const raw = { stdout: '', stderr: '' };
    const partial = { stdout: '', stderr: '' };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // the process group is already gone
        }
      }
    }, opts.timeoutMs);
    const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      raw[stream] += text;
      const parts = (partial[stream] + text).split('\n');
      partial[stream] = parts.pop() ?? '';
      for (const line of parts) stampedLines.push(`${stampNow()} ${line}`);
    };
    child.stdout.on('data', onData('stdout'));
    child.stderr.on('data', onData('stderr'));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const s of ['stdout', 'stderr'] as const) if (partial[s] !== '') stampedLines.push(`${stampNow()} ${partial[s]}`);
      resolve({ exitCode: code ?? (signal ? 128 + 9 : 1), stampedLines, stdout: raw.stdout, stderr: raw.stderr, timedOut });
    });
  });
}
