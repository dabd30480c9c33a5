// Runs the ReDoS checker on every rule pattern and records the verdicts in rules/.redos-verdicts.json,
// so that loading the shipped rules does not re-run the (slow) checker. `npm run rules:check`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkSync } from 'recheck';
import { parseRule } from '../src/core/rules/parse-rule.js';
import { BUILTIN_RULES_DIR, VERDICTS_FILE, rulePatterns } from '../src/service/load-rule-set.js';

function list(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? list(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const verdicts: Record<string, string> = {};
let bad = 0;
for (const file of list(BUILTIN_RULES_DIR)) {
  const shown = relative(process.cwd(), file);
  let rule;
  try {
    rule = parseRule(shown, readFileSync(file, 'utf8'));
  } catch (error) {
    console.error((error as Error).message);
    bad++;
    continue;
  }
  for (const { field, key, regex } of rulePatterns(rule)) {
    const re = regex();
    const r = checkSync(re.source, re.flags.replace(/[gyd]/g, ''), { timeout: 30_000 });
    if (r.status === 'safe') verdicts[key] = 'safe';
    else {
      bad++;
      console.error(`${shown}: ${field}: ${r.status}${r.status === 'vulnerable' ? ` (${r.complexity.type}, attack ${r.attack.pattern.slice(0, 60)})` : ''}`);
    }
  }
}
const file = join(BUILTIN_RULES_DIR, VERDICTS_FILE);
const text = `${JSON.stringify(verdicts, Object.keys(verdicts).sort(), 1)}\n`;
if (process.argv.includes('--check')) {
  // CI: the recorded verdicts must be exactly those of the shipped patterns.
  if (readFileSync(file, 'utf8') !== text) {
    console.error(`${VERDICTS_FILE} is out of date: run npm run rules:check and commit it`);
    bad++;
  }
} else writeFileSync(file, text);
console.log(`${Object.keys(verdicts).length} patterns safe, ${bad} problems`);
process.exitCode = bad > 0 ? 1 : 0;
