import { describe, expect, it } from 'vitest';
import { MemoryIncidentStore } from '../../src/store/memory-incident-store.js';
import { describeIncidentStoreContract } from './incident-store-contract.js';
import { fakeClock } from '../support/fake-clock.js';

describeIncidentStoreContract('memory', async () => {
  const clock = fakeClock();
  const store = new MemoryIncidentStore({ clock });
  return {
    store,
    clock,
    advance: async (ms) => clock.advance(ms),
    dispose: () => store.close(),
  };
});

describe('MemoryIncidentStore bounds', () => {
  it('drops the oldest incidents and deliveries past its caps', async () => {
    const clock = fakeClock();
    const store = new MemoryIncidentStore({ clock, maxIncidents: 3, maxDeliveries: 2 });
    for (const fp of ['a', 'b', 'c', 'd']) {
      await store.claim({ scope: 's', fingerprint: fp, class: 'cgo-disabled', title: fp, occurrence: { at: clock.now() } });
    }
    expect(await store.get('s', 'a')).toBeNull();
    expect(await store.get('s', 'd')).not.toBeNull();
    for (const id of ['1', '2', '3']) await store.rememberDelivery(id, 60_000);
    expect(store.hasDelivery('1')).toBe(false);
    expect(store.hasDelivery('3')).toBe(true);
  });

  it('checks its options at construction', () => {
    expect(() => new MemoryIncidentStore({ clock: fakeClock(), maxOccurrences: 0 })).toThrow(/maxOccurrences/);
  });
});
