// Measures the engine on a folder of real logs with an expectations.json: how often it names the right
// classes for architecture failures, how often it raises a false alarm on look-alikes, and how often it
// names the right nearest cause. Only figures come out: the sealed split must stay unread by rule authors.
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diagnoseLog } from '../src/core/diagnose/diagnose-log.js';
import type { RuleSet } from '../src/core/rules/rule-set.js';

export interface Expectation {
  classes: string[];
  nearest?: string;
  knownMiss?: string;
}

export interface QualityFigures {
  logs: number;
  /** Architecture failures, and those whose incident classes are exactly the expected ones. */
  architecture: number;
  right: number;
  /** Architecture failures where goarch reported nothing at all. */
  missed: number;
  /** Look-alikes, and those where goarch reported an architecture incident. */
  lookalikes: number;
  falseAlarms: number;
  /** Look-alikes with a labelled nearest cause, and those where goarch named it. */
  labelledNearest: number;
  nearestRight: number;
}

/**
 * The held-out splits under fixtures/logs: each collected by a helper who writes no rules, never read by rule
 * authors, measured only as figures. `sealed` was sealed on 2026-12-02, `sealed2` on 2026-12-03.
 */
export const SEALED_SPLITS = ['sealed', 'sealed2'] as const;

/** True for a folder directly under fixtures/logs that holds a held-out split (any name starting `sealed`). */
export function isSealedFolder(name: string): boolean {
  return name.startsWith('sealed');
}

/** Every expectations.json below `root`, except in the folders named in `skip` (relative to root). */
export function expectationFiles(root: string, skip: readonly string[] | ((name: string) => boolean) = []): string[] {
  if (!existsSync(root)) return [];
  const skipped = typeof skip === 'function' ? skip : (name: string): boolean => skip.includes(name);
  return readdirSync(root).flatMap((name) => {
    const p = join(root, name);
    if (statSync(p).isDirectory()) return skipped(name) ? [] : expectationFiles(p);
    return name === 'expectations.json' ? [p] : [];
  });
}

export async function measureQuality(files: readonly string[], rules: RuleSet): Promise<QualityFigures> {
  const f: QualityFigures = { logs: 0, architecture: 0, right: 0, missed: 0, lookalikes: 0, falseAlarms: 0, labelledNearest: 0, nearestRight: 0 };
  for (const file of files) {
    const dir = join(file, '..');
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Expectation>;
    for (const [name, exp] of Object.entries(entries)) {
      const d = await diagnoseLog(createReadStream(join(dir, name)), rules);
      const got = [...new Set(d.incidents.map((i) => i.class))].sort();
      const want = [...new Set(exp.classes)].sort();
      f.logs++;
      if (want.length > 0) {
        f.architecture++;
        if (got.join(',') === want.join(',')) f.right++;
        if (got.length === 0) f.missed++;
      } else {
        f.lookalikes++;
        if (got.length > 0) f.falseAlarms++;
        if (exp.nearest && exp.nearest !== 'other') {
          f.labelledNearest++;
          if (d.nearest?.cause === exp.nearest) f.nearestRight++;
        }
      }
    }
  }
  return f;
}

const pct = (n: number, of: number): string => (of === 0 ? 'n/a' : `${Math.round((1000 * n) / of) / 10} %`);

/** One line of figures, the same in the test output, the README and `npm run quality`. */
export function describeQuality(name: string, f: QualityFigures): string {
  return `${name}: ${f.logs} logs; right class ${f.right}/${f.architecture} architecture failures (${pct(f.right, f.architecture)}, ${f.missed} missed entirely); false alarms ${f.falseAlarms}/${f.lookalikes} look-alikes (${pct(f.falseAlarms, f.lookalikes)}); nearest cause ${f.nearestRight}/${f.labelledNearest} (${pct(f.nearestRight, f.labelledNearest)})`;
}

export function rate(n: number, of: number): number {
  return of === 0 ? 1 : n / of;
}
