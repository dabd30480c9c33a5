import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAILURE_CLASS_MODULES } from '../../../src/core/classes/failure-class-modules.js';
import { fixStrategies } from '../../../src/core/fix/fix-strategies.js';
import { FAILURE_CLASSES } from '../../../src/core/model/failure-class.js';
import { shippedRules } from '../../support/rules.js';

const README = readFileSync('README.md', 'utf8');
const modules = Object.entries(FAILURE_CLASS_MODULES);

describe('failure classes: one module each, one registered list', () => {
  it('has a module for every class, in the order of FAILURE_CLASSES', () => {
    expect(modules.map(([id]) => id)).toEqual([...FAILURE_CLASSES]);
  });

  it.each(modules)('%s: its module is complete, and the rules, the README and the workflow patches agree with it', (id, module) => {
    expect(module.id).toBe(id);
    expect(module.planFix.class).toBe(id);
    expect(module.summary.length).toBeGreaterThan(20);
    expect(module.explanation.length).toBeGreaterThan(40);
    expect(module.evidence.length).toBeGreaterThan(0);
    // Its docs: the README's table row is this module's summary.
    expect(README).toContain(`| \`${id}\` | ${module.summary} |`);
    // At least one shipped rule reports it.
    expect(shippedRules().rules.filter((rule) => rule.class === id).length).toBeGreaterThan(0);
    // Workflow patches that name it exist only for real classes (none lists a class without a module).
    for (const strategy of fixStrategies) for (const c of strategy.classes) expect(FAILURE_CLASS_MODULES[c]).toBeDefined();
  });
});
