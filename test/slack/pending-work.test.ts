import { describe, expect, it } from 'vitest';
import { PendingWork } from '../../src/slack/pending-work.js';

describe('PendingWork', () => {
  it('drains what runs after the ack, failures included, and forgets what settled', async () => {
    const pending = new PendingWork();
    let finished = 0;
    const slow = (ms: number, fail = false) =>
      new Promise<void>((resolve, reject) =>
        setTimeout(() => {
          finished += 1;
          if (fail) reject(new Error('boom'));
          else resolve();
        }, ms),
      );
    void pending.track(slow(30));
    pending.track(slow(10, true)).catch(() => undefined);
    expect(pending.size).toBe(2);
    await pending.drain();
    expect(finished).toBe(2);
    expect(pending.size).toBe(0);
  });
});
