import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../../src/core/diagnose/diagnose-log.js';
import { shippedRules } from '../../support/rules.js';

const rules = shippedRules();

describe.each(rules.rules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it('has examples that must and must not match', () => {
    expect(rule.examples.match.length).toBeGreaterThan(0);
    expect(rule.examples.nomatch.length).toBeGreaterThan(0);
  });

  it.each(rule.examples.match.map((e) => [e]))('matches %j', (example) => {
    const d = diagnoseText(example, rules);
    const own = d.incidents.filter((i) => i.ruleId === rule.id);
    expect(own.map((i) => i.class), `incidents: ${JSON.stringify(d.incidents.map((i) => i.ruleId))}`).toEqual([rule.class]);
  });

  it.each(rule.examples.nomatch.map((e) => [e]))('does not match %j', (example) => {
    const d = diagnoseText(example, rules);
    expect(d.incidents.filter((i) => i.ruleId === rule.id)).toEqual([]);
  });
});

describe('rule set', () => {
  it('has a rule for every failure class', () => {
    const classes = new Set(rules.rules.map((r) => r.class));
    expect([...classes].sort()).toEqual(
      ['cgo-cross-linker', 'cgo-disabled', 'dlopen-arch-mismatch', 'exec-format-error', 'image-platform-mismatch', 'qemu-binfmt-missing', 'unsupported-platform'],
    );
  });
});

describe('look-alikes', () => {
  it.each(rules.rules.map((r) => [r.id, r] as const))('%s keeps a nomatch example that contains one of its trigger words', (_id, rule) => {
    expect(rule.examples.nomatch.some((e) => rule.triggers.some((t) => e.toLowerCase().includes(t)))).toBe(true);
  });
});
