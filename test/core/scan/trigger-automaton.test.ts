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

/**
 * The naive answer for find(bytes, from, to): the first byte at which some trigger ends (line breaks
 * inside it skipped, letters in either case), and the depth the automaton reports there: the longest
 * suffix of bytes[from..hit] (breaks left out) that begins some trigger.
 */
function naiveFind(triggers: readonly string[], bytes: Uint8Array, from: number, to: number): { hit: number; depth: number } {
  const lower = (b: number): number => (b >= 65 && b <= 90 ? b + 32 : b);
  // The range's bytes with line breaks left out, lower-cased, and where each one was.
  const kept: number[] = [];
  const at: number[] = [];
  for (let k = from; k < to; k++) {
    const b = bytes[k] ?? 0;
    if (b !== 10 && b !== 13) {
      kept.push(lower(b));
      at.push(k);
    }
  }
  const codes = triggers.map((t) => [...t.toLowerCase()].map((c) => c.charCodeAt(0)));
  const longest = Math.max(...codes.map((c) => c.length));
  /** True when the n kept bytes ending at kept[j] are the first n bytes of some trigger (all of it: whole). */
  const begins = (j: number, n: number, whole: boolean): boolean =>
    j + 1 >= n && codes.some((c) => (whole ? c.length === n : c.length >= n) && c.slice(0, n).every((b, k) => b === kept[j + 1 - n + k]));
  for (let j = 0; j < kept.length; j++) {
    if (!codes.some((c) => begins(j, c.length, true))) continue;
    let depth = longest;
    while (depth > 0 && !begins(j, depth, false)) depth--;
    return { hit: at[j] ?? -1, depth };
  }
  return { hit: -1, depth: 0 };
}

describe('TriggerAutomaton.find', () => {
  // Long ranges are scanned by two interleaved runs over pairs of 2 KB blocks: hits anywhere in a block,
  // across the blocks' boundaries and wrapped by line breaks must be what a plain left-to-right search finds.
  const words = ['exec format error', 'goarch=', 'go build', 'kernel', 'image:', 'format', 'exec', 'ormat e', 'xe'];
  const a = new TriggerAutomaton(words);
  const pieces = ['exec ', 'format', ' error', 'goarch', '=', 'go ', 'build', 'kern', 'el', 'image', ':', 'EXEC FOR', 'MAT ERR', 'x', 'e', 'or', '\n', '\r\n', ' ', 'lorem ipsum dolor sit amet ', '\u00e9'];
  let seed = 12345;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const filler = (n: number): string => 'the quick brown fox jumps over the lazy dog 0123456789 '.repeat(Math.ceil(n / 54)).slice(0, n);

  it('finds the first hit and its depth in long random texts, wherever the range starts', () => {
    for (let trial = 0; trial < 60; trial++) {
      let text = '';
      // Mostly filler (no hits) with a few trigger pieces: hits land at random places in the blocks.
      while (text.length < 20000) text += random(6) === 0 ? pieces[random(pieces.length)] : filler(1 + random(900));
      const bytes = Buffer.from(text, 'latin1');
      for (let k = 0; k < 6; k++) {
        const from = random(3000);
        const to = from + random(bytes.length - from);
        const want = naiveFind(words, bytes, from, to);
        const hit = a.find(bytes, from, to);
        expect({ trial, from, to, hit, depth: hit === -1 ? 0 : a.lastDepth() }).toEqual({ trial, from, to, hit: want.hit, depth: want.depth });
      }
    }
  });

  it('finds a trigger that begins just before a block boundary, with or without line breaks inside it', () => {
    for (const word of ['exec format error', 'exec f\normat error', 'exe\r\n\n\r\n\nc format error', 'go \n\n\n\n\nbuild', 'exec format\r\n\n\r\n error', 'EXEC\nFORMAT ERROR', 'goarch=', 'kernel']) {
      for (const block of [2048, 4096, 6144]) {
        for (let start = block - 24; start <= block + 4; start++) {
          for (const from of [0, 3]) {
            const text = filler(from + start) + word + filler(9000);
            const bytes = Buffer.from(text, 'latin1');
            const want = naiveFind(words, bytes, from, bytes.length);
            const hit = a.find(bytes, from, bytes.length);
            expect({ word, start, from, hit, depth: hit === -1 ? 0 : a.lastDepth() }).toEqual({ word, start, from, hit: want.hit, depth: want.depth });
          }
        }
      }
    }
  });
});
