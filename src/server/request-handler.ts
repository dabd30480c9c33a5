import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/**
 * A mounted adapter (the Probot middleware, the Bolt receiver). Resolves true when it answered the
 * request, false to let the server answer 404. `log` is the request's child logger.
 */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse, log: Logger) => Promise<boolean>;
