import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffLines, splitLines } from '../../../src/core/fix/diff-lines.js';
import { patchWorkflow } from '../../../src/core/fix/patch-workflow.js';
import { buildIncident } from '../../support/incident-builder.js';
import { GOLDEN_CASES } from './golden-cases.js';
import { loadWorkflowValidator } from './load-workflow-validator.js';

const fixtures = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../..'), 'fixtures/workflows');
const read = (file: string): string => readFileSync(join(fixtures, file), 'utf8');

function commentLines(text: string): string[] {
  return splitLines(text)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#'))
    .sort();
}

describe('patchWorkflow golden files (fixtures/workflows)', () => {
  it('covers at least 15 workflow shapes, each patched or refused', () => {
    expect(GOLDEN_CASES.length).toBeGreaterThanOrEqual(15);
    for (const c of GOLDEN_CASES) {
      expect(existsSync(join(fixtures, `${c.name}.yml`)), c.name).toBe(true);
      expect(existsSync(join(fixtures, `${c.name}.expected.yml`)), c.name).toBe(c.noEdit === undefined);
    }
  });

  const patched = GOLDEN_CASES.filter((c) => c.noEdit === undefined);
  it.each(patched.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = read(`${c.name}.yml`);
    const result = patchWorkflow(before, c.incident);
    if (result.status !== 'patched') throw new Error(`${c.name}: ${result.reason}`);

    // The golden file, byte for byte.
    expect(result.text).toBe(read(`${c.name}.expected.yml`));
    expect(result.strategy).toBe(c.strategy);

    // Only the intended lines change, and the reported count is the real one.
    const changed = diffLines(splitLines(before), splitLines(result.text)).filter((l) => l.kind !== 'equal');
    expect(changed.length).toBe(c.changedLines);
    expect(result.changedLines).toBe(changed.length);

    // Every comment line survives, and the line-ending style is kept.
    const kept = commentLines(result.text);
    for (const comment of commentLines(before)) expect(kept).toContain(comment);
    expect(result.text.includes('\r\n')).toBe(before.includes('\r\n'));

    // GitHub's parser accepts the result.
    const validateWorkflow = await loadWorkflowValidator();
    expect((await validateWorkflow(result.text, `${c.name}.yml`)).errors).toEqual([]);
    expect(result.explanation.length).toBeGreaterThan(0);
  });

  const refused = GOLDEN_CASES.filter((c) => c.noEdit !== undefined);
  it.each(refused.map((c) => [c.name, c] as const))('%s yields no-safe-edit', (_name, c) => {
    const result = patchWorkflow(read(`${c.name}.yml`), c.incident);
    expect(result.status).toBe('no-safe-edit');
    if (result.status === 'no-safe-edit') expect(result.reason).toContain(c.noEdit);
  });

  it('the fixture inputs themselves validate (so a failure after patching is the patch)', async () => {
    const validateWorkflow = await loadWorkflowValidator();
    for (const c of GOLDEN_CASES) expect((await validateWorkflow(read(`${c.name}.yml`))).errors, c.name).toEqual([]);
  });
});

describe('patchWorkflow input handling', () => {
  it('reports a file that is not YAML as invalid-workflow', () => {
    const result = patchWorkflow('jobs:\n  a:\n   b: [\n', buildIncident({ class: 'cgo-disabled' }));
    expect(result).toMatchObject({ status: 'no-safe-edit', code: 'invalid-workflow' });
  });

  it('reports YAML without jobs as invalid-workflow', () => {
    expect(patchWorkflow('name: x\n', buildIncident({ class: 'cgo-disabled' }))).toMatchObject({ status: 'no-safe-edit', code: 'invalid-workflow' });
  });

  it('has no workflow edit for a dlopen mismatch without a build matrix', () => {
    const workflow = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./plugin-test\n';
    const result = patchWorkflow(workflow, buildIncident({ class: 'dlopen-arch-mismatch', step: 'Run ./plugin-test' }));
    expect(result).toMatchObject({ status: 'no-safe-edit', code: 'not-applicable' });
  });

  it('refuses to guess between several jobs that disable cgo when the step is unknown', () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    env: { CGO_ENABLED: 0 }',
      '    steps: [{ run: go test ./... }]',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    env: { CGO_ENABLED: 0 }',
      '    steps: [{ run: go test ./... }]',
      '',
    ].join('\n');
    const result = patchWorkflow(workflow, buildIncident({ class: 'cgo-disabled' }));
    expect(result.status).toBe('no-safe-edit');
    if (result.status === 'no-safe-edit') expect(result.reason).toContain('2 places set CGO_ENABLED=0');
  });

  it('honours options.foreignBinary = qemu', () => {
    const workflow = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: GOARCH=arm64 go test ./...\n';
    const incident = buildIncident({ class: 'exec-format-error', step: 'Run GOARCH=arm64 go test ./...', target: { goos: 'linux', goarch: 'arm64' } });
    expect(patchWorkflow(workflow, incident)).toMatchObject({ status: 'patched', strategy: 'run-on-native-runner' });
    expect(patchWorkflow(workflow, incident, { foreignBinary: 'qemu' })).toMatchObject({ status: 'patched', strategy: 'register-qemu-for-binary' });
  });

  it('refuses a patch larger than maxChangedLines', () => {
    const before = read('cgo-matrix-goos-goarch.yml');
    const incident = GOLDEN_CASES.find((c) => c.name === 'cgo-matrix-goos-goarch')?.incident;
    if (!incident) throw new Error('missing case');
    const result = patchWorkflow(before, incident, { maxChangedLines: 5 });
    expect(result).toMatchObject({ status: 'no-safe-edit', code: 'unsafe-result' });
  });
});

describe('patchWorkflow step location', () => {
  const twoJobs = [
    'on: push',
    'jobs:',
    '  a:',
    '    runs-on: ubuntu-latest',
    '    env:',
    '      CGO_ENABLED: 0',
    '    steps:',
    '      - run: go test ./...',
    '  b:',
    '    runs-on: ubuntu-latest',
    '    env:',
    '      CGO_ENABLED: 0',
    '    steps:',
    '      - run: go test ./...',
    '',
  ].join('\n');

  it('does not pick a job when the step title matches in two of them', () => {
    const result = patchWorkflow(twoJobs, buildIncident({ class: 'cgo-disabled', step: 'Run go test ./...' }));
    expect(result.status).toBe('no-safe-edit');
  });

  it('uses the failing command when the title is not in the file', () => {
    const workflow = twoJobs.replace('      - run: go test ./...\n  b:', '      - run: |\n          echo start\n          go test -race ./...\n  b:');
    const result = patchWorkflow(workflow, buildIncident({ class: 'cgo-disabled', step: 'Run something else', failingCommand: 'go test -race ./...' }));
    expect(result).toMatchObject({ status: 'patched', strategy: 'enable-cgo' });
    if (result.status === 'patched') expect(result.text.indexOf('CGO_ENABLED: 1')).toBeLessThan(result.text.indexOf('  b:'));
  });
});

describe('patchWorkflow options', () => {
  const workflow = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go test ./...\n';
  it('rejects an unknown strategy id loudly', () => {
    expect(() => patchWorkflow(workflow, buildIncident({ class: 'cgo-disabled' }), { strategy: 'nope' })).toThrow(/unknown strategy 'nope'/);
  });
  it('rejects a non-positive maxChangedLines', () => {
    expect(() => patchWorkflow(workflow, buildIncident({ class: 'cgo-disabled' }), { maxChangedLines: 0 })).toThrow(/maxChangedLines/);
  });
});
