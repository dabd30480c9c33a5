import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../src/queue/in-process-queue.js';
import { describeJobQueueContract, waitFor, type Payload } from './job-queue-contract.js';

describeJobQueueContract('in-process', async (options) => {
  const queue = new InProcessQueue<Payload>(options);
  return { queue, dispose: () => queue.close() };
});

describe('InProcessQueue', () => {
  it('lets running jobs finish on close and refuses new ones', async () => {
    const queue = new InProcessQueue<Payload>();
    let finished = false;
    await queue.process(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      finished = true;
    });
    await queue.enqueue('diagnose', { n: 1 });
    await waitFor(async () => (await queue.depth()) === 1);
    await queue.close();
    expect(finished).toBe(true);
    await expect(queue.enqueue('diagnose', { n: 2 })).rejects.toMatchObject({ code: 'queue-closed' });
  });

  it('checks its options at construction', () => {
    expect(() => new InProcessQueue({ attempts: 0 })).toThrow(/attempts/);
  });
});
