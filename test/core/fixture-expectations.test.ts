import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { captureStream } from '../support/capture-stream.js';

interface Expectation {
  classes: string[];
  host?: { goos?: string; goarch?: string } | null;
  target?: { goos?: string; goarch?: string } | null;
  source?: string;
  /** Look-alikes: the nearest real cause goarch must name (`other`: any verdict but architecture). */
  nearest?: string;
  /** A real log the engine is known to get wrong, and why; the test fails loudly once it is fixed. */
  knownMiss?: string;
}

const ROOT = join(import.meta.dirname, '..', '..', 'fixtures', 'logs');
/**
 * Host and target are checked log by log where the label was taken from the log itself (public/, lab/).
 * In wild/ the collector labelled them from the whole thread, often from lines the excerpt does not hold:
 * there they are measured against a floor below (facts-from-thread).
 */
const FACTS_FROM_LOG = (path: string): boolean => !/^(?:wild|lookalikes)\//.test(relative(ROOT, path));
/**
 * Host and target right in wild/ when measured: 52 of 145 facts on 2026-12-02; 57 of 186 on 2026-12-03, after
 * 34 new wild logs whose labels come from their threads far more than from their excerpts (the rules of that
 * day moved the old logs' figure up, not down); 68 of 213 after 45 more; 86 of 313 after batch 4's 71 wild logs
 * (2026-12-03 again: 100 more facts, of which 18 right, most of the rest said only in the thread's prose, a
 * host named in the issue title); 96 of 390 after batch 5's 70 (10 of 77 new facts right, the same story);
 * 109 of 451 after batch 6's 53; 147 of 579 after batch 7's 102 (with dyld's arm64e and the prompt's OS read).
 * Weak; raise it, never lower it for the same logs.
 */
const WILD_FACTS_FLOOR = 0.25;
/** Look-alikes whose labelled nearest cause goarch names (79 of 126 on 2026-12-02); raise it, never lower it. */
const NEAREST_FLOOR = 0.6;

/** The sealed splits are measured on their own (sealed-split.test.ts) and never shown log by log. */
const SEALED = (name: string): boolean => name.startsWith('sealed');

function expectationFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return dir === ROOT && SEALED(name) ? [] : expectationFiles(p);
    return name === 'expectations.json' ? [p] : [];
  });
}

const cases: Array<[string, string, Expectation]> = [];
for (const file of expectationFiles(ROOT)) {
  const dir = join(file, '..');
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Expectation>;
  for (const [name, exp] of Object.entries(entries)) cases.push([relative(ROOT, join(dir, name)), join(dir, name), exp]);
}

interface JsonDiagnosis {
  verdict: string;
  incidents: Array<{ class: string; host: unknown; target: unknown }>;
  nearest: { cause: string } | null;
}

async function diagnose(path: string): Promise<JsonDiagnosis> {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runCli(['diagnose', '--json', path], { stdout, stderr, version: 'test' });
  expect(stderr.text()).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout.text()) as JsonDiagnosis;
}

describe('fixture logs', () => {
  it('has real logs for every class and negatives', () => {
    const perClass = new Map<string, number>();
    let negatives = 0;
    for (const [, , exp] of cases) {
      if (exp.classes.length === 0) negatives++;
      for (const c of exp.classes) perClass.set(c, (perClass.get(c) ?? 0) + 1);
    }
    expect(perClass.size).toBe(7);
    for (const [, n] of perClass) expect(n).toBeGreaterThanOrEqual(3);
    expect(negatives).toBeGreaterThanOrEqual(10);
  });

  const check = async (path: string, exp: Expectation): Promise<void> => {
    const d = await diagnose(path);
    const got = [...new Set(d.incidents.map((i) => i.class))].sort();
    expect(got).toEqual([...new Set(exp.classes)].sort());
    if (exp.classes.length === 0) expect(d.verdict, 'verdict').not.toBe('architecture');
    for (const side of ['host', 'target'] as const) {
      const want = exp[side];
      if (!want || !FACTS_FROM_LOG(path) || exp.classes.length === 0) continue;
      const incident = d.incidents.find((i) => i.class === exp.classes[0]) as Record<string, unknown> | undefined;
      expect(incident?.[side], side).toMatchObject(want);
    }
  };

  it.each(cases.filter(([, , e]) => !e.knownMiss))('%s', async (_name, path, exp) => check(path, exp));

  // Known misses are listed in expectations.json with the reason; `it.fails` turns red when one starts passing.
  it.fails.each(cases.filter(([, , e]) => e.knownMiss))('known miss: %s', async (_name, path, exp) => check(path, exp));

  it('gets host and target right for most wild/ logs (labels from whole threads)', async () => {
    let facts = 0;
    let right = 0;
    for (const [name, path, exp] of cases) {
      if (FACTS_FROM_LOG(path) || exp.knownMiss || exp.classes.length === 0) continue;
      const d = await diagnose(path);
      const incident = d.incidents.find((i) => i.class === exp.classes[0]) as Record<string, unknown> | undefined;
      for (const side of ['host', 'target'] as const) {
        const want = exp[side];
        if (!want) continue;
        facts++;
        const got = incident?.[side] as Record<string, unknown> | null | undefined;
        if (got && Object.entries(want).every(([k, v]) => got[k] === v)) right++;
        else if (process.env.GOARCH_SHOW_FACTS) console.log(`${name} ${side}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
      }
    }
    console.log(`wild/ facts: host and target right for ${right} of ${facts}`);
    expect(right / facts).toBeGreaterThanOrEqual(WILD_FACTS_FLOOR);
  });

  it('names the nearest cause of most look-alikes', async () => {
    let labelled = 0;
    let right = 0;
    for (const [name, path, exp] of cases) {
      if (exp.knownMiss || exp.classes.length > 0 || !exp.nearest || exp.nearest === 'other') continue;
      labelled++;
      const d = await diagnose(path);
      if (d.nearest?.cause === exp.nearest) right++;
      else if (process.env.GOARCH_SHOW_FACTS) console.log(`${name}: nearest want ${exp.nearest} got ${d.nearest?.cause ?? 'none'}`);
    }
    console.log(`look-alikes: nearest cause right for ${right} of ${labelled}`);
    expect(right / labelled).toBeGreaterThanOrEqual(NEAREST_FLOOR);
  });
});
