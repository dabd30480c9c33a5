import { FAILURE_CLASSES, type FailureClass } from '../core/model/failure-class.js';
import { NEAREST_CAUSES } from '../core/model/nearest-cause.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { CLASS_DESCRIPTIONS } from './class-descriptions.js';
import { CliError } from './cli-error.js';
import { describeRule } from './describe-rules.js';
import type { ExplainArgs } from './parse-args.js';
import type { CliIo } from './run-cli.js';
import { ruleLines } from './run-rules.js';

/** `goarch explain <class | cause | rule>`: what it means, why it happens, and the rules that find it. */
export function runExplain(args: ExplainArgs, rules: RuleSet, io: CliIo): number {
  const topic = args.topic;
  const rule = rules.rules.find((r) => r.id === topic);
  if (rule) {
    const s = describeRule(rule);
    const data = { kind: 'rule', ...s, explanation: rule.explanation, hint: rule.lookalike?.hint ?? null, file: rule.file };
    if (args.json) return print(io, JSON.stringify(data, null, 2));
    const text = [
      `${rule.id}: ${rule.title}`,
      `class ${rule.class}${s.cause ? `, nearest cause ${s.cause}` : ''}, confidence ${rule.confidence}, file ${rule.file}`,
      '',
      wrap(rule.explanation),
      ...(rule.lookalike ? ['', `hint: ${rule.lookalike.hint.summary}`, ...(rule.lookalike.hint.command ? [`  $ ${rule.lookalike.hint.command}`] : [])] : []),
      '',
      'catches:',
      ...s.catches.map((c) => `  ${c}`),
    ];
    return print(io, text.join('\n'));
  }
  const isClass = (FAILURE_CLASSES as readonly string[]).includes(topic) || topic === 'not-architecture';
  const isCause = (NEAREST_CAUSES as readonly string[]).includes(topic);
  if (!isClass && !isCause) throw new CliError('BAD_FLAG', `explain: "${topic}" is neither a failure class (${FAILURE_CLASSES.join(', ')}), a look-alike cause nor a rule id (see goarch rules)`);
  const members = rules.rules.filter((r) => (isClass ? r.class === topic : r.lookalike?.cause === topic)).map(describeRule).sort((a, b) => a.id.localeCompare(b.id));
  const description = isClass ? CLASS_DESCRIPTIONS[topic as FailureClass | 'not-architecture'] : `A look-alike cause: the build failed for this reason, not because of the CPU architecture.`;
  if (args.json) return print(io, JSON.stringify({ kind: isClass ? 'class' : 'cause', id: topic, description, rules: members }, null, 2));
  const text = [`${topic}: ${description}`, '', `${members.length} rule${members.length === 1 ? '' : 's'}:`, ...members.flatMap(ruleLines)];
  return print(io, text.join('\n'));
}

function print(io: CliIo, text: string): number {
  io.stdout.write(`${text}\n`);
  return 0;
}

function wrap(text: string, width = 100): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out.join('\n');
}
