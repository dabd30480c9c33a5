import { loadRuleSet } from '../../src/service/load-rule-set.js';
import type { RuleSet } from '../../src/core/rules/rule-set.js';

let cached: RuleSet | null = null;

/** The shipped rules, loaded once per test file (ReDoS verdicts from rules/.redos-verdicts.json). */
export function shippedRules(): RuleSet {
  cached ??= loadRuleSet();
  return cached;
}
