import { mkdirSync } from 'node:fs';
import type { LabOptions } from './lab-options.js';
import type { LabContext } from './lab-context.js';
import type { ScenarioResult } from './scenario-result.js';
import type { LoadedScenario } from './loaded-scenario.js';
import type { CapturedLog } from './capture-step-log.js';
import { labPaths } from './lab-paths.js';
import { labEnv } from './lab-env.js';
import { loadScenarios } from './load-scenarios.js';
import { sudoShim } from './sudo-shim.js';
import { runScenario } from './run-scenario.js';
import { writeFixtures } from './write-fixtures.js';
import { renderTable } from './render-table.js';

export interface LabOutcome {
  results: ScenarioResult[];
  fixturesWritten: string[];
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
}

/**
 * The lab, in order:
 * 1. load and validate every scenario (or the --only ones);
 * 2. build the shared environment (offline Go, shared GOCACHE, sudo shim when root has no sudo);
 * 3. run each scenario in turn (capture, diagnose, fix), reporting progress on stderr;
 * 4. with --fixtures, write the captured logs and expectations.json;
 * 5. print the table (or JSON) and the summary line.
 */
export async function executeLab(root: string, opts: LabOptions, inheritedEnv: NodeJS.ProcessEnv): Promise<LabOutcome> {
  const started = Date.now();
  const paths = labPaths(root, opts.cli);
  const scenarios = loadScenarios(paths.scenarios, opts.only);

  mkdirSync(paths.work, { recursive: true });
  const baseEnv = labEnv(inheritedEnv, paths.work);
  const ctx: LabContext = {
    paths,
    baseEnv,
    shimDir: opts.fixtures ? null : sudoShim(paths.work, baseEnv['PATH'] ?? ''),
    ci: inheritedEnv['CI'] === 'true',
    mode: opts.fixtures ? 'fixtures' : 'lab',
    reference: opts.reference,
  };

  const results: ScenarioResult[] = [];
  const captured: Array<{ scenario: LoadedScenario; log: CapturedLog }> = [];
  for (const scenario of scenarios) {
    process.stderr.write(`lab: ${scenario.name} ...`);
    const run = await runScenario(scenario, ctx);
    process.stderr.write(` ${run.result.status} (${(run.result.durationMs / 1000).toFixed(1)}s)\n`);
    results.push(run.result);
    if (run.captured && run.result.status === 'passed') captured.push({ scenario, log: run.captured });
  }

  const fixturesWritten = opts.fixtures ? writeFixtures(paths.fixtures, captured, scenarios.map((s) => s.name), opts.only.length === 0) : [];

  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const outcome: LabOutcome = { results, fixturesWritten, passed, failed, skipped, durationMs: Date.now() - started };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  } else {
    process.stdout.write(`${renderTable(results, ctx.mode)}\n\n`);
    if (opts.fixtures) process.stdout.write(`wrote ${fixturesWritten.length} fixture(s) to fixtures/logs/lab/\n`);
    if (skipped > 0) process.stdout.write(`${skipped} skipped (see the notes above; with CI=true a missing toolchain fails)\n`);
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
  }
  return outcome;
}
