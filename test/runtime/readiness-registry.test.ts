import { describe, expect, it } from 'vitest';
import { ReadinessRegistry } from '../../src/runtime/readiness-registry.js';

describe('ReadinessRegistry', () => {
  it('is ok when every configured dependency is ok', async () => {
    const readiness = new ReadinessRegistry();
    readiness.add('redis', () => 'ok');
    readiness.add('other', () => 'not-configured');
    expect(await readiness.report()).toEqual({ status: 'ok', dependencies: { redis: 'ok', other: 'not-configured' } });
  });

  it('is unavailable when a check says down, throws or hangs', async () => {
    const readiness = new ReadinessRegistry();
    readiness.add('a', () => 'down');
    readiness.add('b', () => {
      throw new Error('x');
    });
    readiness.add('c', () => new Promise(() => undefined));
    expect(await readiness.report(50)).toEqual({ status: 'unavailable', dependencies: { a: 'down', b: 'down', c: 'down' } });
  });

  it('is shutting-down once shutdown starts', async () => {
    const readiness = new ReadinessRegistry();
    readiness.markShuttingDown();
    expect((await readiness.report()).status).toBe('shutting-down');
  });
});
