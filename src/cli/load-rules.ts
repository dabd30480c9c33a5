import { RuleError } from '../core/rules/rule-error.js';
import { RuleSet } from '../core/rules/rule-set.js';
import { BUILTIN_RULES_DIR, loadRuleSet } from '../service/load-rule-set.js';
import { CliError } from './cli-error.js';
import type { RuleDirs } from './parse-args.js';

/**
 * The rule set a command runs with: the built-in rules, plus each `--rules DIR` (or only those with
 * `--only-rules`). A rule id defined twice is a one-line error naming both files.
 */
export function loadRules(rules: RuleDirs): RuleSet {
  const dirs = rules.only ? rules.dirs : [BUILTIN_RULES_DIR, ...rules.dirs];
  if (dirs.length === 1) return withChecker(() => loadRuleSet(dirs[0]));
  const all = dirs.flatMap((dir) => withChecker(() => loadRuleSet(dir)).rules);
  const seen = new Map<string, string>();
  for (const rule of all) {
    const first = seen.get(rule.id);
    if (first !== undefined) throw new CliError('BAD_RULES', `${rule.file}: id: rule "${rule.id}" is already defined by ${first} (rename it, or use --only-rules)`);
    seen.set(rule.id, rule.file);
  }
  return new RuleSet(all);
}

/**
 * A rule directory of your own has patterns with no recorded ReDoS verdict: they are checked by recheck,
 * which the stand-alone package does not bundle (it ships per-platform binaries).
 */
function withChecker<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof RuleError || error instanceof CliError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND') {
      throw new CliError('BAD_RULES', '--rules: your rule patterns must be checked for ReDoS by recheck, which is not installed beside goarch (npm install recheck@4.5.0 in the same folder)');
    }
    throw error;
  }
}
