import { parse as parseYaml } from 'yaml';
import type { Rule } from './rule.js';
import { RuleError } from './rule-error.js';
import { ruleFileSchema, type RuleFile } from './rule-schema.js';
import { compileRuleFile } from './compile-rule-file.js';
import { translatePattern } from './translate-pattern.js';

/**
 * Parses and compiles one rule file. `file` is the path shown in errors; its base name must be the rule id.
 * Every problem becomes a RuleError naming the file and the field.
 */
export function parseRule(file: string, text: string): Rule {
  return compileRuleFile(file, validateRuleText(file, text), { translate: translatePattern });
}

/** Parses the YAML and checks it against the schema: the slow, cacheable half of loading a rule. */
export function validateRuleText(file: string, text: string): RuleFile {
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: false });
  } catch (error) {
    throw new RuleError(file, '(yaml)', firstLine(error));
  }
  const parsed = ruleFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new RuleError(file, field, issue?.message ?? 'invalid rule');
  }
  return parsed.data;
}

function firstLine(error: unknown): string {
  const msg = error instanceof Error ? error.message : String(error);
  return msg.split('\n')[0] ?? msg;
}
