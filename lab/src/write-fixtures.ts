import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedScenario } from './loaded-scenario.js';
import type { CapturedLog } from './capture-step-log.js';

interface Expectation {
  classes: string[];
  host?: { goos: string; goarch: string };
  target?: { goos: string; goarch: string };
  source: string;
}

function sourceNote(scenario: LoadedScenario, captured: CapturedLog): string {
  const command = scenario.spec.command.trim().split('\n').join('; ');
  const go = captured.goVersion.replace(/^go/, 'Go ');
  const os = captured.osName.replace('GNU/Linux ', '').replace(/\s*\(.*\)$/, '');
  const arch = /\/(?<arch>\S+)$/.exec(captured.goVersionLine)?.groups?.['arch'] ?? 'amd64';
  return `lab: lab/scenarios/${scenario.name} (${command}), captured with ${go} on ${os} ${arch}`;
}

/**
 * Writes `<scenario>.log` for every captured scenario and merges their entries into `expectations.json`.
 * Entries of scenarios that were skipped stay as they were; with `prune`, the logs and entries of deleted scenarios go.
 */
export function writeFixtures(dir: string, captured: ReadonlyArray<{ scenario: LoadedScenario; log: CapturedLog }>, allNames: readonly string[], prune: boolean): string[] {
  mkdirSync(dir, { recursive: true });
  // The repository ignores *.log; these logs are test data and must be committed.
  writeFileSync(join(dir, '.gitignore'), '# lab fixtures are committed test data (the root .gitignore ignores *.log)\n!*.log\n');
  const expectationsPath = join(dir, 'expectations.json');
  const expectations: Record<string, Expectation> = existsSync(expectationsPath) ? (JSON.parse(readFileSync(expectationsPath, 'utf8')) as Record<string, Expectation>) : {};
  const written: string[] = [];
  for (const { scenario, log } of captured) {
    const file = `${scenario.name}.log`;
    writeFileSync(join(dir, file), log.text);
    written.push(file);
    const exp = scenario.spec.expect;
    expectations[file] = 'class' in exp ? { classes: [exp.class], host: exp.host, target: exp.target, source: sourceNote(scenario, log) } : { classes: [], source: sourceNote(scenario, log) };
  }
  if (prune) {
    for (const key of Object.keys(expectations)) if (!allNames.includes(key.replace(/\.log$/, ''))) delete expectations[key];
    for (const file of readdirSync(dir)) if (file.endsWith('.log') && !allNames.includes(file.replace(/\.log$/, ''))) rmSync(join(dir, file));
  }
  const sorted = Object.fromEntries(Object.entries(expectations).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(expectationsPath, `${JSON.stringify(sorted, null, 2)}\n`);
  return written;
}
