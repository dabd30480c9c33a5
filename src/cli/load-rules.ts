import { RuleError } from '../core/rules/rule-error.js';
import { RuleSet } from '../core/rules/rule-set.js';
import type { Rule } from '../core/rules/rule.js';
import { loadCachedRuleSet } from '../service/load-cached-rule-set.js';
import { BUILTIN_RULES_DIR } from '../service/rule-files.js';
import { CliError } from './cli-error.js';
import type { RuleDirs } from './parse-args.js';

/**
 * The rule set a command runs with: the built-in rules, plus each `--rules DIR` (or only those with
 * `--only-rules`). A rule id defined twice is a one-line error naming both files.
 */
export async function loadRules(rules: RuleDirs): Promise<RuleSet> {
  const dirs = rules.only ? rules.dirs : [BUILTIN_RULES_DIR, ...rules.dirs];
  if (dirs.length === 1) return withChecker(() => loadDir(dirs[0]));
  const all: Rule[] = [];
  for (const dir of dirs) all.push(...(await withChecker(() => loadDir(dir))).rules);
  const seen = new Map<string, string>();
  for (const rule of all) {
    const first = seen.get(rule.id);
    if (first !== undefined) throw new CliError('BAD_RULES', `${rule.file}: id: rule "${rule.id}" is already defined by ${first} (rename it, or use --only-rules)`);
    seen.set(rule.id, rule.file);
  }
  return new RuleSet(all);
}

/**
 * From the build's cache when it holds every file (a cold start then loads no YAML parser, schema nor
 * XRegExp: most of the start-up time); else parsed, with those loaded on demand.
 */
async function loadDir(dir: string | undefined): Promise<RuleSet> {
  const cached = loadCachedRuleSet(dir);
  if (cached) return cached;
  const { loadRuleSet } = await import('../service/load-rule-set.js');
  return loadRuleSet(dir);
}

/**
 * A rule directory of your own has patterns with no recorded ReDoS verdict: they are checked by recheck,
 * which the stand-alone package does not bundle (it ships per-platform binaries).
 */
async function withChecker<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof RuleError || error instanceof CliError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND') {
      throw new CliError('BAD_RULES', '--rules: your rule patterns must be checked for ReDoS by recheck, which is not installed beside goarch (npm install recheck@4.5.0 in the same folder)');
    }
    throw error;
  }
}
