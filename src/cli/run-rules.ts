import { FAILURE_CLASSES } from '../core/model/failure-class.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { CLASS_DESCRIPTIONS } from './class-descriptions.js';
import { describeRule, type RuleSummary } from './describe-rules.js';
import type { RulesArgs } from './parse-args.js';
import type { CliIo } from './run-cli.js';

const ORDER = [...FAILURE_CLASSES, 'not-architecture'];

/** `goarch rules`: every rule, grouped by class, with the wordings it catches. */
export function runRules(args: RulesArgs, rules: RuleSet, io: CliIo): number {
  const summaries = rules.rules.map(describeRule).sort((a, b) => ORDER.indexOf(a.class) - ORDER.indexOf(b.class) || a.id.localeCompare(b.id));
  if (args.json) {
    io.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [`${summaries.length} rules. goarch explain <class | rule> tells more.`];
  for (const cls of ORDER) {
    const group = summaries.filter((s) => s.class === cls);
    if (group.length === 0) continue;
    out.push('', `${cls} (${group.length} rule${group.length === 1 ? '' : 's'}): ${CLASS_DESCRIPTIONS[cls as keyof typeof CLASS_DESCRIPTIONS]}`);
    for (const s of group) out.push(...ruleLines(s));
  }
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

export function ruleLines(s: RuleSummary): string[] {
  return [`  ${s.id}${s.cause ? ` (${s.cause})` : ''}: ${s.title}`, ...s.catches.map((c) => `      catches: ${c}`)];
}
