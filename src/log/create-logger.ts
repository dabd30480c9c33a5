import { pino } from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from '../config/config.js';
import { requestContext } from './request-context.js';

/**
 * Paths censored on every line: tokens, private keys, webhook and signing secrets, signature and
 * authorization headers, including where Octokit and @octokit/webhooks errors carry them.
 */
export const REDACT_PATHS: readonly string[] = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  'headers["x-hub-signature-256"]',
  'headers["x-hub-signature"]',
  'headers["x-slack-signature"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-hub-signature-256"]',
  '*.headers["x-hub-signature"]',
  '*.headers["x-slack-signature"]',
  'err.request.headers.authorization',
  'err.response.headers.authorization',
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'privateKey',
  '*.privateKey',
  'PRIVATE_KEY',
  '*.PRIVATE_KEY',
  'secret',
  '*.secret',
  'webhookSecret',
  '*.webhookSecret',
  'signingSecret',
  '*.signingSecret',
  'WEBHOOK_SECRET',
  '*.WEBHOOK_SECRET',
  'SLACK_SIGNING_SECRET',
  '*.SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  '*.SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  '*.SLACK_APP_TOKEN',
  'redisUrl',
  '*.redisUrl',
  'REDIS_URL',
  '*.REDIS_URL',
  'signature',
  '*.signature',
  // @octokit/webhooks attaches the whole delivery (payload and signature) to a signature error.
  'err.event',
  'err.errors[*].event',
  'err.aggregateErrors[*].event',
];

export interface CreateLoggerOptions {
  level: LogLevel;
  /** Human-readable lines (pino-pretty) instead of JSON. */
  pretty: boolean;
  /** Where lines go; stdout when absent. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/** The one pino logger of a process. Adapters log a fixed message plus a metadata object (STYLE §11). */
export function createLogger(options: CreateLoggerOptions): Logger {
  const pinoOptions: LoggerOptions = {
    level: options.level,
    base: { service: 'goarch' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    // Lines written during a request by loggers that are not its child logger get its ids too.
    mixin: (_object, _level, logger) => {
      const ids = requestContext.getStore();
      // A copy: pino merges the line's fields into the object the mixin returns.
      return ids === undefined || 'reqId' in logger.bindings() ? {} : { ...ids };
    },
  };
  if (options.pretty) {
    return pino(pinoOptions, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', destination: 1, sync: true }));
  }
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}
