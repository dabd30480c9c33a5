import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../lab/src/load-scenarios.js';
import { FAILURE_CLASSES } from '../../src/core/model/failure-class.js';

const root = join(import.meta.dirname, '..', '..');
const scenarios = loadScenarios(join(root, 'lab', 'scenarios'), []);
const fixturesDir = join(root, 'fixtures', 'logs', 'lab');
const expectations = JSON.parse(readFileSync(join(fixturesDir, 'expectations.json'), 'utf8')) as Record<string, { classes: string[] }>;

describe('lab scenarios', () => {
  it('has at least 12 positive scenarios and 3 controls', () => {
    expect(scenarios.filter((s) => s.spec.kind === 'positive').length).toBeGreaterThanOrEqual(12);
    expect(scenarios.filter((s) => s.spec.kind === 'control').length).toBeGreaterThanOrEqual(3);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s is consistent and has a committed fixture', (name, s) => {
    const positive = s.spec.kind === 'positive';
    expect('class' in s.spec.expect).toBe(positive);
    if ('class' in s.spec.expect) expect(FAILURE_CLASSES).toContain(s.spec.expect.class);
    if (positive) expect(s.spec.referenceFix?.length ?? 0).toBeGreaterThan(0);

    const logPath = join(fixturesDir, `${name}.log`);
    expect(existsSync(logPath)).toBe(true);
    const lines = readFileSync(logPath, 'utf8').trimEnd().split('\n');
    const header = lines.filter((l) => l.startsWith('# goarch') || l.startsWith('# scenario') || l.startsWith('# captured') || l.startsWith('# regenerate'));
    expect(header).toHaveLength(4);
    for (const h of header) expect(h).not.toMatch(/error|fail|cannot|not found|wrong|incompatible|unsupported|denied|undefined|exclude/i);
    expect(lines.at(-1)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z ##\[error\]Process completed with exit code [1-9]\d*\.$/);
    expect(expectations[`${name}.log`]?.classes).toEqual('class' in s.spec.expect ? [s.spec.expect.class] : []);
  });
});
