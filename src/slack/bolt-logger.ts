import { LogLevel } from '@slack/bolt';
import type { Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/** Bolt logs through pino: Bolt's free-form arguments become the `detail` of a fixed message. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  const detail = (parts: unknown[]) => parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    debug: (...parts: unknown[]) => log.debug({ detail: detail(parts) }, 'bolt'),
    info: (...parts: unknown[]) => log.info({ detail: detail(parts) }, 'bolt'),
    warn: (...parts: unknown[]) => log.warn({ detail: detail(parts) }, 'bolt'),
    error: (...parts: unknown[]) => log.error({ detail: detail(parts) }, 'bolt'),
    // The level is pino's (LOG_LEVEL); Bolt may not change it.
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}
