import type { Rule } from '../core/rules/rule.js';

/** One rule as `goarch rules` and `goarch explain` show it. */
export interface RuleSummary {
  id: string;
  class: string;
  /** Look-alike rules: the nearest real cause. */
  cause: string | null;
  title: string;
  /** The lines of the rule's own `examples.match` that its patterns catch. */
  catches: string[];
}

const MAX_WORDING = 160;

/** The wordings a rule catches, taken from its own examples: in a multi-line example, the line a pattern matches. */
export function describeRule(rule: Rule): RuleSummary {
  const catches = rule.examples.match.map((example) => {
    const lines = example.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const hit = lines.find((line) => rule.patterns.some((p) => p.test(line))) ?? lines.at(-1) ?? example;
    return hit.length > MAX_WORDING ? `${hit.slice(0, MAX_WORDING - 1)}…` : hit;
  });
  return { id: rule.id, class: rule.class, cause: rule.lookalike?.cause ?? null, title: rule.title, catches: [...new Set(catches)] };
}
