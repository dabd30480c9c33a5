import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/store/logger.js';
import type { QueueLogger } from '../../src/queue/queue-logger.js';
import { createIncidentStore } from '../../src/store/create-incident-store.js';
import { createJobQueue } from '../../src/queue/create-job-queue.js';

describe('logger and config compatibility', () => {
  it('takes a pino logger and a null Redis URL (the config shape) as they are', async () => {
    const logger = pino({ level: 'silent' });
    const storeLogger: Logger = logger;
    const queueLogger: QueueLogger = logger;
    const store = await createIncidentStore({ redisUrl: null, logger: storeLogger });
    const queue = createJobQueue({ redisUrl: null, logger: queueLogger });
    expect(store.health().backend).toBe('memory');
    await queue.close();
    await store.close();
  });
});
