// `npm run emitters`: rewrites the "By rule" table of rules/EMITTERS.md from the engine's own verdicts over
// every fixture outside the sealed splits: for each rule, the fixtures it wins and the first of them.
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diagnoseLog } from '../src/core/diagnose/diagnose-log.js';
import { loadRuleSet } from '../src/service/load-rule-set.js';
import { expectationFiles, isSealedFolder } from './measure-quality.js';

const root = join(import.meta.dirname, '..');
const logs = join(root, 'fixtures', 'logs');
const rules = loadRuleSet();
const wins = new Map<string, string[]>();
for (const file of expectationFiles(logs, isSealedFolder)) {
  for (const name of Object.keys(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)) {
    const path = join(file, '..', name);
    const d = await diagnoseLog(createReadStream(path), rules);
    const ids = new Set([...d.incidents.map((i) => i.ruleId), ...(d.incidents.length === 0 && d.nearest ? [d.nearest.ruleId] : [])]);
    for (const id of ids) wins.set(id, [...(wins.get(id) ?? []), relative(logs, path)]);
  }
}
const rows = rules.rules.map((r) => {
  const won = (wins.get(r.id) ?? []).sort();
  const cls = r.lookalike ? `not-architecture: ${r.lookalike.cause}` : r.class;
  return `| \`${r.id}\` | ${cls} | ${won.length} | ${won[0] ? `\`${won[0]}\`` : 'rule examples only'} |`;
});
const doc = join(root, 'rules', 'EMITTERS.md');
const text = readFileSync(doc, 'utf8');
const head = '| rule | class | fixtures it wins | first fixture |\n| --- | --- | ---: | --- |\n';
const start = text.indexOf(head);
if (start < 0) throw new Error(`${relative(root, doc)}: the "By rule" table header is missing`);
const after = text.slice(start + head.length);
const end = after.search(/\n(?!\|)/);
writeFileSync(doc, text.slice(0, start) + head + rows.join('\n') + (end < 0 ? '\n' : after.slice(end)));
console.log(`${relative(root, doc)}: ${rows.length} rules`);
