import { createReadStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseLog } from '../../../src/core/diagnose/diagnose-log.js';
import { checkFixInvariants } from '../../../src/core/diagnose/fix-invariants.js';
import { shippedRules } from '../../support/rules.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'logs');

/** Every `expectations.json` under fixtures/logs, whatever folders appear there (public, lab, wild, lookalikes, sealed). */
function expectationFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return expectationFiles(p);
    return name === 'expectations.json' ? [p] : [];
  });
}

/**
 * The sealed split is held out (sealed-split.test.ts): its logs are never named, shown or fixed one by one. Its
 * logs are checked as a figure: the share whose primary fixes keep every invariant, with a floor just under the
 * figure measured when this test was written (75 of 77); raise it as the plans improve.
 */
const SEALED_FLOOR = 0.95;

const logs: Array<[string, string]> = [];
const sealed: string[] = [];
for (const file of expectationFiles(ROOT)) {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const name of Object.keys(entries)) {
    const p = join(file, '..', name);
    const rel = relative(ROOT, p);
    if (rel.startsWith('sealed')) sealed.push(p);
    else logs.push([rel, p]);
  }
}

async function violationsOf(path: string): Promise<Array<{ class: string; invariant: string; detail: string }>> {
  const d = await diagnoseLog(createReadStream(path), shippedRules());
  return d.incidents.flatMap((i) => checkFixInvariants(i).map((v) => ({ class: i.class, ...v })));
}

describe('fix invariants over every fixture', () => {
  it('finds the fixtures', () => {
    expect(logs.length).toBeGreaterThan(100);
  });

  it.each(logs)('%s', async (_name, path) => {
    const violations = (await violationsOf(path)).map((v) => `${v.class} ${v.invariant}: ${v.detail}`);
    expect(violations).toEqual([]);
  });

  it.skipIf(sealed.length === 0)('sealed split: primary fixes keep every invariant (figure only)', async () => {
    let clean = 0;
    const byInvariant = new Map<string, number>();
    for (const path of sealed) {
      const v = await violationsOf(path);
      if (v.length === 0) clean++;
      for (const inv of new Set(v.map((x) => x.invariant))) byInvariant.set(inv, (byInvariant.get(inv) ?? 0) + 1);
    }
    const figure = `sealed split: ${clean}/${sealed.length} logs keep every fix invariant; broken: ${[...byInvariant].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`;
    console.log(figure);
    expect(clean / sealed.length, figure).toBeGreaterThanOrEqual(SEALED_FLOOR);
  });
});
