import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CloserRegistry } from '../../src/runtime/closer-registry.js';

const silent = pino({ level: 'silent' });

describe('CloserRegistry', () => {
  it('closes in reverse order of registration', async () => {
    const order: string[] = [];
    const closers = new CloserRegistry();
    closers.add('redis', () => void order.push('redis'));
    closers.add('queue', async () => void order.push('queue'));
    expect(await closers.closeAll(Date.now() + 1000, silent)).toEqual([]);
    expect(order).toEqual(['queue', 'redis']);
  });

  it('reports a closer that fails or outlives the deadline, and still runs the rest', async () => {
    const order: string[] = [];
    const closers = new CloserRegistry();
    closers.add('redis', () => void order.push('redis'));
    closers.add('stuck', () => new Promise<void>(() => undefined));
    closers.add('broken', () => {
      throw new Error('boom');
    });
    expect(await closers.closeAll(Date.now() + 100, silent)).toEqual(['broken', 'stuck', 'redis']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['redis']);
  });
});
