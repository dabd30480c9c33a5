import { compileRuleFile } from '../core/rules/compile-rule-file.js';
import { addTranslatedPatterns, isTranslated } from '../core/rules/compile-pattern.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { assembleRuleSet, BUILTIN_RULES_DIR, contentKey, parsedCache } from './rule-files.js';

/**
 * The rule set of `dir` from the build's cache alone (dist/rule-cache.json: validated files and their
 * patterns' translations), or null when a file or a pattern is not in it (an edited rule, `--rules DIR`):
 * then load-rule-set.ts parses them. It loads neither YAML, the schema nor XRegExp, which are most of a
 * cold `goarch diagnose`. The ReDoS verdicts are checked as loadRuleSet checks them.
 */
export function loadCachedRuleSet(dir = BUILTIN_RULES_DIR): RuleSet | null {
  const cache = parsedCache();
  if (Object.keys(cache.rules).length === 0) return null;
  addTranslatedPatterns(cache.patterns);
  return assembleRuleSet(dir, {}, (shown, text) => {
    const data = cache.rules[contentKey(text)];
    if (!data) return null;
    const sources = [...data.patterns, ...data.context.before.map((c) => c.pattern), ...data.context.after.map((c) => c.pattern)];
    if (!sources.every((source) => isTranslated(source, data.caseSensitive))) return null;
    return compileRuleFile(shown, data, { lazy: true });
  });
}
