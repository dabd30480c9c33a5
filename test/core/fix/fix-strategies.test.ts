import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixStrategies } from '../../../src/core/fix/fix-strategies.js';
import { patchWorkflow } from '../../../src/core/fix/patch-workflow.js';
import { FAILURE_CLASSES } from '../../../src/core/model/index.js';
import { buildIncident } from '../../support/incident-builder.js';
import { loadWorkflowValidator } from './load-workflow-validator.js';

const strategiesDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../..'), 'src/core/fix/strategies');

describe('the fix strategy registry', () => {
  it('registers every strategy file once, under its file name', () => {
    const files = readdirSync(strategiesDir).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(fixStrategies.map((s) => s.id).sort()).toEqual(files);
    expect(new Set(fixStrategies.map((s) => s.id)).size).toBe(fixStrategies.length);
  });

  it('only names known failure classes', () => {
    for (const strategy of fixStrategies) {
      expect(strategy.classes.length, strategy.id).toBeGreaterThan(0);
      for (const cls of strategy.classes) expect(FAILURE_CLASSES).toContain(cls);
    }
  });
});

describe.each(fixStrategies.map((s) => [s.id, s] as const))('strategy %s', (id, strategy) => {
  it('has a source file and a summary', () => {
    expect(existsSync(join(strategiesDir, `${id}.ts`))).toBe(true);
    expect(strategy.summary.length).toBeGreaterThan(10);
  });

  it('fixes its own example, and the result validates', async () => {
    const { workflow, incident, expect: needles } = strategy.examples.fixes;
    const validateWorkflow = await loadWorkflowValidator();
    expect((await validateWorkflow(workflow)).errors).toEqual([]);
    const result = patchWorkflow(workflow, buildIncident(incident), { strategy: id });
    if (result.status !== 'patched') throw new Error(`${id}: ${result.reason}`);
    expect(result.strategy).toBe(id);
    for (const needle of needles) expect(result.text).toContain(needle);
    expect((await validateWorkflow(result.text)).errors).toEqual([]);
  });

  it('leaves its counter-example alone, with a reason', () => {
    const { workflow, incident } = strategy.examples.leaves;
    const result = patchWorkflow(workflow, buildIncident(incident), { strategy: id });
    expect(result.status).toBe('no-safe-edit');
    if (result.status === 'no-safe-edit') expect(result.reason).toMatch(new RegExp(`^${id}: .+`));
  });
});
