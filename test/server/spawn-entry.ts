import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface SpawnedEntry {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
  /** Resolves when a stdout line contains `text`; rejects after `timeoutMs`. */
  waitFor: (text: string, timeoutMs?: number) => Promise<void>;
}

/**
 * Runs `src/<entry>.ts` as its own node process (through tsx, no build needed), in an empty
 * directory so no developer `.env` leaks in, with only the given variables set.
 */
export function spawnEntry(entry: 'server' | 'worker', env: Record<string, string>): SpawnedEntry {
  const cwd = mkdtempSync(join(tmpdir(), 'goarch-proc-'));
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'src', `${entry}.ts`)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const waiter of [...waiters]) if (out.includes(waiter.text)) waiter.resolve();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (text, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        if (out.includes(text)) return resolve();
        const timer = setTimeout(() => reject(new Error(`timed out waiting for "${text}"; stdout: ${out}; stderr: ${err}`)), timeoutMs);
        waiters.push({ text, resolve: () => (clearTimeout(timer), resolve()) });
        void exited.then(() => reject(new Error(`process exited before "${text}"; stdout: ${out}; stderr: ${err}`)));
      }),
  };
}
