import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedScenario } from './loaded-scenario.js';
import type { LabContext } from './lab-context.js';
import type { ScenarioResult } from './scenario-result.js';
import type { CapturedLog } from './capture-step-log.js';
import { findMissingTools } from './find-missing-tools.js';
import { runProcess } from './run-process.js';
import { prepareWorkspace } from './prepare-workspace.js';
import { captureStepLog } from './capture-step-log.js';
import { diagnoseLog } from './diagnose-log.js';
import { runFix } from './run-fix.js';
import { samePlatform } from './same-platform.js';
import { expandWorkspace } from './expand-workspace.js';
import { referenceDiagnosis } from './reference-diagnosis.js';
import { elfMachineOf } from './elf-machine-of.js';

function purposeProblems(verify: NonNullable<LoadedScenario['spec']['verify']>, stdout: string, workspace: string): string[] {
  const out: string[] = [];
  if (verify.stdoutContains !== undefined && !stdout.includes(verify.stdoutContains)) out.push(`the fix commands did not print ${JSON.stringify(verify.stdoutContains)}`);
  for (const [path, goarch] of Object.entries(verify.artifacts ?? {})) {
    const elf = elfMachineOf(join(workspace, path));
    if ('problem' in elf) out.push(`artifact: ${elf.problem}`);
    else if (elf.goarch !== goarch) out.push(`artifact ${path} is ${elf.goarch} (ELF header), the step builds it for ${goarch}`);
  }
  if (verify.testsRan && !/^ok\s+\S+/m.test(stdout)) out.push('no test binary ran (no "ok  <package>" line): the fix does not test anything');
  return out;
}

export interface ScenarioRun {
  result: ScenarioResult;
  /** The captured log, when the failing step ran and really failed. */
  captured: CapturedLog | null;
}

/**
 * One scenario, in order:
 * 1. skip (or fail in CI) when a toolchain is missing or the machine cannot reproduce the failure;
 * 2. capture the failing step as an Actions log from a clean copy, and assert that it failed;
 * 3. (lab mode) diagnose the log and compare class, host and target with the expectation;
 * 4. (lab mode, positives) run the fix commands in a fresh copy and check they are green, then the teardown.
 */
export async function runScenario(scenario: LoadedScenario, ctx: LabContext): Promise<ScenarioRun> {
  const started = Date.now();
  const { spec } = scenario;
  const expected = 'class' in spec.expect ? spec.expect.class : 'none';
  const result: ScenarioResult = { name: scenario.name, kind: spec.kind, expected, got: '-', platformOk: null, fixOk: null, status: 'failed', problems: [], exitCode: null, durationMs: 0 };
  const done = (status: ScenarioResult['status'], captured: CapturedLog | null = null): ScenarioRun => {
    result.status = status;
    result.durationMs = Date.now() - started;
    return { result, captured };
  };
  const scenarioWork = join(ctx.paths.work, scenario.name);
  mkdirSync(scenarioWork, { recursive: true });

  // 1. Toolchains and preconditions.
  const missing = findMissingTools(['go', ...spec.requires], ctx.baseEnv['PATH'] ?? '');
  if (missing.length > 0) {
    result.problems.push(`missing toolchain: ${missing.join(', ')} (install the Debian packages listed in lab/README.md)`);
    return done(ctx.ci ? 'failed' : 'skipped');
  }
  if (spec.precondition) {
    const pre = await runProcess('/usr/bin/bash', ['-e', '-c', spec.precondition.command], { cwd: scenarioWork, env: ctx.baseEnv, timeoutMs: 60_000 });
    if (pre.exitCode !== 0) {
      result.problems.push(`cannot reproduce here: ${spec.precondition.reason}`);
      return done(ctx.ci && ctx.mode === 'lab' ? 'failed' : 'skipped');
    }
  }

  // 2. Capture the failing step.
  //    A cold GOCACHE, as on a runner without a restored cache, so the log does not depend on which
  //    scenarios ran before (a warm cache hides the `# runtime/cgo` package line, for one).
  const captureWs = join(scenarioWork, 'capture');
  const coldCache = join(scenarioWork, 'gocache-cold');
  rmSync(coldCache, { recursive: true, force: true });
  const captureEnv = { ...ctx.baseEnv, GOCACHE: coldCache };
  let captured: CapturedLog;
  try {
    await prepareWorkspace(scenario, captureWs, captureEnv);
    captured = await captureStepLog(scenario, captureWs, join(ctx.paths.work, '_temp'), captureEnv);
  } catch (err) {
    result.problems.push((err as Error).message);
    return done('failed');
  }
  result.exitCode = captured.exitCode;
  if (captured.exitCode === 0) {
    result.problems.push('the failing command succeeded: the scenario does not reproduce its failure');
    return done('failed');
  }
  const logPath = join(scenarioWork, 'step.log');
  writeFileSync(logPath, captured.text);
  if (ctx.mode === 'fixtures') return done('passed', captured);

  // 3. Diagnose and compare.
  const diagnosis = ctx.reference ? referenceDiagnosis(spec) : await diagnoseLog(ctx.paths.cli, logPath, ctx.paths.root, ctx.baseEnv);
  if (!diagnosis.ok) {
    result.problems.push(diagnosis.problem);
    return done('failed', captured);
  }
  const first = diagnosis.output.incidents[0];
  result.got = first?.class ?? 'none';
  if (!('class' in spec.expect)) {
    if (diagnosis.output.incidents.length > 0) result.problems.push(`control yielded ${diagnosis.output.incidents.length} incident(s): ${diagnosis.output.incidents.map((i) => i.class).join(', ')}`);
    return done(result.problems.length === 0 ? 'passed' : 'failed', captured);
  }
  if (!first) {
    result.problems.push('no incident found');
    return done('failed', captured);
  }
  if (first.class !== spec.expect.class) result.problems.push(`class ${first.class}, expected ${spec.expect.class}`);
  const hostOk = samePlatform(spec.expect.host, first.host);
  const targetOk = samePlatform(spec.expect.target, first.target);
  result.platformOk = hostOk && targetOk;
  if (!hostOk) result.problems.push(`host ${JSON.stringify(first.host ?? null)}, expected ${JSON.stringify(spec.expect.host)}`);
  if (!targetOk) result.problems.push(`target ${JSON.stringify(first.target ?? null)}, expected ${JSON.stringify(spec.expect.target)}`);

  // 4. Run the fix in a fresh copy, with the step's env (the fix replaces the step's script, not its env).
  const fixWs = join(scenarioWork, 'fix');
  try {
    await prepareWorkspace(scenario, fixWs, ctx.baseEnv);
  } catch (err) {
    result.problems.push((err as Error).message);
    return done('failed', captured);
  }
  const stepEnv = Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, expandWorkspace(v, fixWs)]));
  const fixEnv = { ...ctx.baseEnv, ...stepEnv };
  if (ctx.shimDir) fixEnv['PATH'] = `${ctx.shimDir}:${fixEnv['PATH'] ?? ''}`;
  const fix = await runFix(first.fix.commands, fixWs, fixEnv, join(scenarioWork, 'fix.log'));
  for (const cmd of spec.teardown) {
    const r = await runProcess('/usr/bin/bash', ['-e', '-c', cmd], { cwd: fixWs, env: fixEnv, timeoutMs: 300_000 });
    if (r.exitCode !== 0) result.problems.push(`teardown command exited ${r.exitCode}: ${cmd}: ${(r.stderr || r.stdout).trim().slice(0, 300)}`);
  }
  result.fixOk = fix.ok;
  if (!fix.ok) result.problems.push(fix.problem);
  // 5. Purpose: the output the step exists to see, the artifact's architecture from its ELF header, tests that ran.
  if (fix.ok && spec.verify) {
    const purpose = purposeProblems(spec.verify, fix.stdout, fixWs);
    if (purpose.length > 0) {
      result.fixOk = false;
      result.problems.push(...purpose);
    }
  }
  return done(result.problems.length === 0 ? 'passed' : 'failed', captured);
}
