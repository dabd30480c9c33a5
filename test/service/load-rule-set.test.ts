import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet, patternKey, VERDICTS_FILE } from '../../src/service/load-rule-set.js';

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

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'goarch-rules-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('loadRuleSet', () => {
  it('loads a valid rule directory, ReDoS-checking its patterns', () => {
    const set = loadRuleSet(dirWith({ 'go/demo-rule.yml': GOOD }), { redos: 'check' });
    expect(set.rules.map((r) => r.id)).toEqual(['demo-rule']);
  });

  it.each([
    ['unknown class', GOOD.replace('exec-format-error', 'made-up'), /demo-rule\.yml: class: /],
    ['missing examples', GOOD.replace(/examples:[\s\S]*$/, ''), /demo-rule\.yml: examples: /],
    ['a typo in a key', GOOD.replace('triggers:', 'trigers:'), /demo-rule\.yml: (triggers|\(root\)): /],
    ['id not the file name', GOOD.replace('id: demo-rule', 'id: other-rule'), /demo-rule\.yml: id: must equal the file name/],
    ['a bad regex', GOOD.replace("'demo \\s trigger \\s (?<binary>\\S+)'", "'demo (unclosed'"), /demo-rule\.yml: patterns\.0: invalid pattern/],
    ['a ReDoS-prone regex', GOOD.replace("'demo \\s trigger \\s (?<binary>\\S+)'", () => "'^(a+)+$'"), /demo-rule\.yml: patterns\.0: pattern is vulnerable to ReDoS/],
    ['broken YAML', 'id: [unclosed', /demo-rule\.yml: \(yaml\): /],
  ])('refuses %s with one line naming file and field', (_what, text, message) => {
    const dir = dirWith({ 'demo-rule.yml': text });
    expect(() => loadRuleSet(dir, { redos: 'check' })).toThrow(message);
    try {
      loadRuleSet(dir, { redos: 'check' });
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('never takes a rule directory\'s own verdicts file for proof that its patterns are safe (issue 13, Low)', () => {
    const cache = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'goarch-cache-'));
    try {
      const source = '^(a+)+$';
      const forged = { [patternKey(source, true)]: 'safe', [patternKey(source, false)]: 'safe' };
      const dir = dirWith({ 'demo-rule.yml': GOOD.replace("'demo \\s trigger \\s (?<binary>\\S+)'", () => `'${source}'`), [VERDICTS_FILE]: JSON.stringify(forged) });
      expect(() => loadRuleSet(dir)).toThrow(/demo-rule\.yml: patterns\.0: pattern is vulnerable to ReDoS/);
    } finally {
      if (cache === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = cache;
    }
  });

  it('refuses an empty directory', () => {
    expect(() => loadRuleSet(dirWith({}))).toThrow(/no rule files/);
  });
});
