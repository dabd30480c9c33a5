import { createHash } from 'node:crypto';
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

/** A sealed log is never named (sealed-split.test.ts): an opaque id stands for it. */
function label(path: string): string {
  const rel = relative(ROOT, path);
  return rel.startsWith('sealed') ? `sealed#${createHash('sha256').update(rel).digest('hex').slice(0, 8)}` : rel;
}

const logs: Array<[string, string]> = [];
for (const file of expectationFiles(ROOT)) {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const name of Object.keys(entries)) {
    const p = join(file, '..', name);
    logs.push([label(p), p]);
  }
}

describe('fix invariants over every fixture', () => {
  it('finds the fixtures', () => {
    expect(logs.length).toBeGreaterThan(100);
  });

  it.each(logs)('%s', async (_name, path) => {
    const d = await diagnoseLog(createReadStream(path), shippedRules());
    const violations = d.incidents.flatMap((i) => checkFixInvariants(i).map((v) => `${i.class} ${v.invariant}: ${v.detail}`));
    expect(violations).toEqual([]);
  });
});
