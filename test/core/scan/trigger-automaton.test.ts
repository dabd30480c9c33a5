import { describe, expect, it } from 'vitest';
import { TriggerAutomaton } from '../../../src/core/scan/trigger-automaton.js';

const TRIGGERS = ['exec format error', 'goarch=', 'go build', 'kernel', 'image:', 'format'];

function found(a: TriggerAutomaton, text: string): string[] {
  const ids: number[] = [];
  const n = a.triggersIn(text, ids);
  return ids.slice(0, n).map((i) => TRIGGERS[i] ?? '').sort();
}

describe('TriggerAutomaton.triggersIn', () => {
  const a = new TriggerAutomaton(TRIGGERS);
  it.each([
    'exec /app: exec format error',
    'EXEC FORMAT ERROR and GOARCH=arm64 go build',
    'plain line with nothing',
    'Image: ubuntu-24.04 kernel',
    // The two non-ASCII characters whose lower case holds an ASCII letter: the Kelvin sign and dotted I.
    '\u212Aernel 6.1',
    'G\u0130ARCH=x \u0130mage: x',
    'caf\u00e9 go build \u2022 bullet',
  ])('finds what toLowerCase().includes finds: %j', (text) => {
    const lower = text.toLowerCase();
    expect(found(a, text)).toEqual(TRIGGERS.filter((t) => lower.includes(t)).sort());
  });
});
