import { describe, expect, it } from 'vitest';
import { CAPTURE_NAMES, groupNamesOf } from '../../../src/core/rules/capture-names.js';
import { parseRule } from '../../../src/core/rules/parse-rule.js';
import { shippedRules } from '../../support/rules.js';

const GOOD = `id: demo-rule
class: exec-format-error
title: A demo rule for the loader
triggers: ["demo trigger"]
patterns:
  - 'demo \\s trigger \\s (?<binary>\\S+)'
explanation: This explanation is long enough to pass the schema.
examples:
  match: ["demo trigger ./x"]
  nomatch: ["nothing here"]
`;

describe('capture names', () => {
  it('every shipped rule uses only names in CAPTURE_NAMES (the loader refuses others)', () => {
    const used = new Set<string>();
    for (const rule of shippedRules().rules) {
      for (const source of rule.patternSources) for (const name of groupNamesOf(source)) used.add(name);
      for (const c of [...rule.before, ...rule.after]) for (const name of groupNamesOf(c.source)) used.add(name);
      for (const name of Object.keys(rule.facts)) used.add(name);
    }
    expect([...used].filter((name) => !(name in CAPTURE_NAMES))).toEqual([]);
    expect(used.size).toBeGreaterThan(30);
  });

  it.each([
    ['a pattern group', GOOD.replace('(?<binary>', '(?<bianry>'), 'demo-rule.yml: patterns.0: capture name "bianry" is not one goarch reads'],
    ['a context pattern group', GOOD.replace('explanation:', "context:\n  before:\n    - pattern: 'GOARCH=(?<goarc>\\w+)'\nexplanation:"), 'demo-rule.yml: context.before.0.pattern: capture name "goarc"'],
    ['a facts key', GOOD.replace('explanation:', 'facts:\n  gooss: darwin\nexplanation:'), 'demo-rule.yml: facts.gooss: capture name "gooss"'],
    [
      "a look-alike hint's placeholder",
      GOOD.replace('class: exec-format-error', 'class: not-architecture\ncause: script-crlf\nhint:\n  summary: Convert the script to LF line endings.\n  command: "sed -i s/\\\\r$// {scirpt}"'),
      'demo-rule.yml: hint.command: capture name "scirpt"',
    ],
  ])('refuses an unknown name in %s, naming the file and the field', (_where, text, message) => {
    expect(() => parseRule('rules/go/demo-rule.yml', text)).toThrow(message);
  });

  it('reads group names only: not lookbehinds, escaped parentheses or character classes', () => {
    expect(groupNamesOf('(?<=x)(?<!y)\\(?<binary>[(?<no>]+(?<lib>\\S+)')).toEqual(['lib']);
  });
});
