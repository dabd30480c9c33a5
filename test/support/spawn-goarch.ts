// Runs test/support/goarch-process.ts as its own node process (through tsx, no build needed) and
// reads its JSON log lines: the multi-process tests and the webhook benchmark drive these.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SCRIPT = join(ROOT, 'test/support/goarch-process.ts');

/** A pino line; `level` is the label (`info`, `warn`...), as goarch's logger writes it. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: string };

export interface GoarchProcess {
  name: string;
  child: ChildProcess;
  /** Every JSON log line so far (stdout). */
  logs: LogLine[];
  stderr: () => string;
  /** `http://127.0.0.1:<port>` once a server listens (null for a worker). */
  url: string | null;
  /** Resolves the exit code or signal once the process ended. */
  exited: Promise<number | string>;
  /** Log lines with this message. */
  lines: (msg: string) => LogLine[];
  /** Resolves when `count` lines satisfy `match`; rejects after `timeoutMs` or when the process exits. */
  waitForLog: (match: (line: LogLine) => boolean, what: string, timeoutMs?: number, count?: number) => Promise<void>;
  /** SIGTERM (graceful), then SIGKILL after `graceMs`; resolves once it exited. */
  stop: (graceMs?: number) => Promise<number | string>;
  /** SIGKILL: a crash, nothing runs after it. */
  kill: () => Promise<number | string>;
}

export interface SpawnGoarchOptions {
  name: string;
  mode: 'server' | 'worker';
  /** The service's variables and the GOARCH_CHILD_* seams. */
  env: Record<string, string>;
  /** How long to wait for the process to be ready (server listening / worker started). */
  readyTimeoutMs?: number;
  /**
   * Log to this file instead of a pipe (read back every 100 ms). A pipe that the test process is too
   * busy to drain makes pino's synchronous writes in the child wait (benchmarks); a file never does.
   */
  logFile?: string;
  /** Options for node itself, e.g. ['--cpu-prof']. */
  nodeArgs?: string[];
}

/** Starts a goarch process and waits until it listens (server) or takes jobs (worker). */
export async function spawnGoarch(options: SpawnGoarchOptions): Promise<GoarchProcess> {
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'w');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', TSX_LOADER, SCRIPT], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      ...(process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {}),
      LOG_FORMAT: 'json',
      GOARCH_CHILD_MODE: options.mode,
      ...options.env,
    },
    stdio: ['ignore', logFd ?? 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let err = '';
  let partial = '';
  const waiters = new Set<() => void>();
  const decoder = new StringDecoder('utf8');
  const onOutput = (chunk: Buffer) => {
    const text = partial + decoder.write(chunk);
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line.trim() === '') continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ msg: '(not json)', text: line });
      }
    }
    for (const wake of [...waiters]) wake();
  };
  child.stdout?.on('data', onOutput);
  let poll: NodeJS.Timeout | undefined;
  if (logFd !== undefined && options.logFile !== undefined) {
    const reader = openSync(options.logFile, 'r');
    const buffer = Buffer.alloc(1 << 20);
    const drain = () => {
      for (let n = readSync(reader, buffer); n > 0; n = readSync(reader, buffer)) onOutput(buffer.subarray(0, n));
    };
    poll = setInterval(drain, 100);
    child.once('exit', () => {
      clearInterval(poll);
      drain();
      closeSync(reader);
      closeSync(logFd);
    });
  }
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  let ended = false;
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = true;
      for (const wake of [...waiters]) wake();
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  const waitForLog: GoarchProcess['waitForLog'] = (match, what, timeoutMs = 20_000, count = 1) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (logs.filter(match).length >= count) {
          finish();
          resolve();
        } else if (ended) {
          finish();
          reject(new Error(`${options.name} exited before ${what}; stderr: ${err.slice(-2000)}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${options.name}: timed out waiting for ${what}; last logs: ${JSON.stringify(logs.slice(-5))}; stderr: ${err.slice(-2000)}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  const proc: GoarchProcess = {
    name: options.name,
    child,
    logs,
    stderr: () => err,
    url: null,
    exited,
    lines: (msg) => logs.filter((line) => line.msg === msg),
    waitForLog,
    async stop(graceMs = 10_000) {
      if (ended) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    async kill() {
      if (!ended) child.kill('SIGKILL');
      return exited;
    },
  };
  const readyMsg = options.mode === 'server' ? 'server listening' : 'worker started';
  try {
    await waitForLog((line) => line.msg === readyMsg, `"${readyMsg}"`, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await proc.kill();
    throw error;
  }
  if (options.mode === 'server') proc.url = `http://127.0.0.1:${String(proc.lines('server listening')[0]?.port)}`;
  return proc;
}

/** Lines that mean something went unhandled (runProcess logs them), or anything fatal. */
export function crashLines(proc: GoarchProcess): LogLine[] {
  return proc.logs.filter((line) => line.msg === 'unhandled promise rejection' || line.msg === 'uncaught exception' || line.level === 'fatal');
}

/** Warnings and errors, for a failure message. */
export function troubleLines(proc: GoarchProcess): LogLine[] {
  return proc.logs.filter((line) => line.level === 'warn' || line.level === 'error' || line.level === 'fatal');
}
