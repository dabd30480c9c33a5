import type { Logger } from './logger.js';

/** A logger that drops everything: the default when none is injected. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
