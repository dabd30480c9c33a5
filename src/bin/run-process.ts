import type { Logger } from 'pino';
import { ConfigError } from '../config/config-error.js';

export interface Running {
  logger: Logger;
  /** Graceful stop; resolves the names of what did not finish in time. */
  close: () => Promise<string[]>;
}

export interface ProcessIo {
  stderr: { write: (text: string) => unknown };
  exit: (code: number) => void;
  on: (signal: 'SIGTERM' | 'SIGINT', listener: () => void) => unknown;
  onFailure: (event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void) => unknown;
}

const nodeProcess: ProcessIo = {
  stderr: process.stderr,
  exit: (code) => process.exit(code),
  on: (signal, listener) => process.on(signal, listener),
  onFailure: (event, listener) => process.on(event, listener),
};

/**
 * Runs a long-lived process: a ConfigError prints one line per problem on stderr and exits 1 (no
 * stack trace); SIGTERM/SIGINT close gracefully and exit 0; a second signal exits 1 at once;
 * an uncaught error is logged, closes gracefully and exits 1.
 */
export async function runProcess(start: () => Promise<Running>, io: ProcessIo = nodeProcess): Promise<void> {
  let running: Running | undefined;
  let stopping: { code: number; reason: string } | undefined;
  const stop = (code: number, reason: string) => {
    if (stopping !== undefined) {
      running?.logger.warn({ reason }, 'second stop request: exiting now');
      io.exit(1);
      return;
    }
    stopping = { code, reason };
    // A signal during start is honoured as soon as the start completes.
    if (running !== undefined) close(running, stopping);
  };
  const close = (target: Running, request: { code: number; reason: string }) => {
    target.logger.info({ reason: request.reason }, 'stopping');
    target.close().then(
      () => io.exit(request.code),
      (error: unknown) => {
        target.logger.error({ err: error }, 'shutdown failed');
        io.exit(1);
      },
    );
  };
  // Handlers first: a SIGTERM that arrives while starting must not kill the process abruptly.
  io.on('SIGTERM', () => stop(0, 'SIGTERM'));
  io.on('SIGINT', () => stop(0, 'SIGINT'));
  io.onFailure('uncaughtException', (error) => {
    if (running === undefined) {
      io.stderr.write(`goarch: cannot start: ${describe(error)}\n`);
      io.exit(1);
      return;
    }
    running.logger.fatal({ err: error }, 'uncaught exception');
    stop(1, 'uncaughtException');
  });
  io.onFailure('unhandledRejection', (error) => {
    if (running === undefined) io.stderr.write(`goarch: unhandled rejection while starting: ${describe(error)}\n`);
    else running.logger.error({ err: error }, 'unhandled promise rejection');
  });
  try {
    running = await start();
  } catch (error) {
    if (error instanceof ConfigError) io.stderr.write(`${error.problems.join('\n')}\n`);
    else io.stderr.write(`goarch: cannot start: ${describe(error)}\n`);
    io.exit(1);
    return;
  }
  if (stopping !== undefined) close(running, stopping);
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return 'the port is already in use (set PORT to a free port)';
  if (code === 'EACCES') return 'permission denied on the port (use a port above 1023)';
  return error instanceof Error ? error.message : String(error);
}
