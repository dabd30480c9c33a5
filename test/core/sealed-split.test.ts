import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeQuality, expectationFiles, measureQuality, rate } from '../../scripts/measure-quality.js';
import { shippedRules } from '../support/rules.js';

/**
 * The sealed splits: real logs collected by someone who writes no rules; whoever writes rules never reads
 * them. Only the figures are printed, never a log or a file name. The floors sit just under the figures
 * measured when a split was sealed or last raised; raise them as the engine improves, never tune a rule to them.
 */
interface Split {
  name: string;
  /** Right class among the architecture failures: at least this share. */
  floorRight: number;
  /** False alarms among the look-alikes: at most this share. */
  ceilingFalseAlarms: number;
  minArchitecture: number;
  minLookalikes: number;
}
const SPLITS: Split[] = [
  /** Sealed on 2026-12-02 at 43/53 right (81.1 %) and 4/24 false alarms (16.7 %); 44/53 on 2026-12-03. */
  { name: 'sealed', floorRight: 0.8, ceilingFalseAlarms: 0.2, minArchitecture: 40, minLookalikes: 20 },
  /** Sealed on 2026-12-03; first measured blind (rules written before it was collected) at 20/30 right (66.7 %) and 2/19 false alarms (10.5 %); 22/30 (73.3 %) after that day's rules. */
  { name: 'sealed2', floorRight: 0.7, ceilingFalseAlarms: 0.15, minArchitecture: 25, minLookalikes: 10 },
];

const logsRoot = join(import.meta.dirname, '..', '..', 'fixtures', 'logs');
const sources = (f: string): string[] => Object.values(JSON.parse(readFileSync(f, 'utf8')) as Record<string, { source?: string }>).map((e) => (e.source ?? '').replace(/#.*$/, ''));

for (const split of SPLITS) {
  const files = expectationFiles(join(logsRoot, split.name));
  describe(`sealed split ${split.name}`, () => {
    it.skipIf(files.length === 0)('names the right class and raises few false alarms', async () => {
      const f = await measureQuality(files, shippedRules());
      const figure = describeQuality(split.name, f);
      console.log(figure);
      expect(f.architecture, 'architecture failures in the split').toBeGreaterThanOrEqual(split.minArchitecture);
      expect(f.lookalikes, 'look-alikes in the split').toBeGreaterThanOrEqual(split.minLookalikes);
      expect(rate(f.right, f.architecture), figure).toBeGreaterThanOrEqual(split.floorRight);
      expect(rate(f.falseAlarms, f.lookalikes), figure).toBeLessThanOrEqual(split.ceilingFalseAlarms);
    });
    it.skipIf(files.length === 0)('shares no source with the corpus or with another split', () => {
      const held = new Set(files.flatMap(sources));
      const others = expectationFiles(logsRoot, [split.name]).flatMap(sources).filter((s) => s !== '' && held.has(s));
      expect(others.length, 'sources found in both').toBe(0);
    });
    if (files.length === 0) console.warn(`sealed split: fixtures/logs/${split.name}/expectations.json is missing; the test is skipped`);
  });
}
