import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../../src/core/diagnose/diagnose-log.js';
import { shippedRules } from '../../support/rules.js';
import { NEAREST_CAUSES } from '../../../src/core/model/nearest-cause.js';

const rules = shippedRules();

describe.each(rules.rules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it('has examples that must and must not match', () => {
    expect(rule.examples.match.length).toBeGreaterThan(0);
    expect(rule.examples.nomatch.length).toBeGreaterThan(0);
  });

  it.each(rule.examples.match.map((e) => [e]))('matches %j', (example) => {
    const d = diagnoseText(example, rules);
    if (rule.lookalike) {
      // A look-alike claims the lines: no architecture incident, and it is the nearest cause.
      expect(d.incidents.map((i) => i.ruleId), 'architecture incidents').toEqual([]);
      expect(d.verdict).toBe('not-architecture');
      expect(d.nearest?.ruleId).toBe(rule.id);
      return;
    }
    const own = d.incidents.filter((i) => i.ruleId === rule.id);
    expect(own.map((i) => i.class), `incidents: ${JSON.stringify(d.incidents.map((i) => i.ruleId))}`).toEqual([rule.class]);
  });

  it.each(rule.examples.nomatch.map((e) => [e]))('does not match %j', (example) => {
    const d = diagnoseText(example, rules);
    expect(d.incidents.filter((i) => i.ruleId === rule.id)).toEqual([]);
    if (rule.lookalike) expect(d.nearest?.ruleId).not.toBe(rule.id);
  });
});

describe('rule set', () => {
  it('has a rule for every failure class', () => {
    const classes = new Set(rules.rules.filter((r) => !r.lookalike).map((r) => r.class));
    expect([...classes].sort()).toEqual(
      ['cgo-cross-linker', 'cgo-disabled', 'dlopen-arch-mismatch', 'exec-format-error', 'image-platform-mismatch', 'qemu-binfmt-missing', 'unsupported-platform'],
    );
  });
});

describe('look-alike rules', () => {
  it('cover every nearest cause', () => {
    const causes = new Set(rules.rules.flatMap((r) => (r.lookalike ? [r.lookalike.cause] : [])));
    expect([...causes].sort()).toEqual([...NEAREST_CAUSES].sort());
  });
});

describe('look-alikes', () => {
  it.each(rules.rules.map((r) => [r.id, r] as const))('%s keeps a nomatch example that contains one of its trigger words', (_id, rule) => {
    expect(rule.examples.nomatch.some((e) => rule.triggers.some((t) => e.toLowerCase().includes(t)))).toBe(true);
  });
});
