import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { compileRuleFile } from '../core/rules/compile-rule-file.js';
import { addTranslatedPatterns, patternFlags, patternId } from '../core/rules/compile-pattern.js';
import { parseRule, validateRuleText } from '../core/rules/parse-rule.js';
import { translatePattern } from '../core/rules/translate-pattern.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { assembleRuleSet, BUILTIN_RULES_DIR, checkRedos, contentKey, listRuleFiles, parsedCache, type LoadRulesOptions, type ParsedCache } from './rule-files.js';

export { BUILTIN_RULES_DIR, PARSED_CACHE_FILE, VERDICTS_FILE, contentKey, patternKey, rulePatterns, type LoadRulesOptions } from './rule-files.js';

/**
 * Loads every `*.yml` under `dir` (recursively), validates and compiles it, and refuses any pattern
 * that the recheck ReDoS checker does not prove safe. Throws RuleError naming the file and field.
 * A file the build's cache holds skips YAML parsing and validation.
 */
export function loadRuleSet(dir = BUILTIN_RULES_DIR, options: LoadRulesOptions = {}): RuleSet {
  const cache = options.redos === 'check' ? null : parsedCache();
  if (cache) addTranslatedPatterns(cache.patterns);
  const set = assembleRuleSet(dir, options, (shown, text) => {
    const cached = cache?.rules[contentKey(text)];
    return cached ? compileRuleFile(shown, cached, { lazy: true, translate: translatePattern }) : parseRule(shown, text);
  });
  if (set === null) throw new Error('unreachable: every rule file compiles or throws');
  return set;
}

/** The cache of validated rule files for a directory, with their patterns' translations (what the build writes to dist/rule-cache.json). */
export function buildParsedCache(dir = BUILTIN_RULES_DIR): ParsedCache {
  const out: ParsedCache = { rules: {}, patterns: {} };
  for (const file of listRuleFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const shown = relative(process.cwd(), file);
    const data = validateRuleText(shown, text);
    compileRuleFile(shown, data, { translate: translatePattern }); // only rule files that compile are cached
    out.rules[contentKey(text)] = data;
    const sources = [...data.patterns, ...data.context.before.map((c) => c.pattern), ...data.context.after.map((c) => c.pattern)];
    for (const source of sources) out.patterns[patternId(source, data.caseSensitive)] = translatePattern(source, patternFlags(data.caseSensitive));
  }
  return out;
}

/** Runs recheck on every pattern of every rule and returns the verdicts to record (throws on the first unsafe one). */
export function computeVerdicts(dir = BUILTIN_RULES_DIR): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of listRuleFiles(dir)) {
    const rule = parseRule(relative(process.cwd(), file), readFileSync(file, 'utf8'));
    checkRedos(rule, {}, out);
  }
  return out;
}

