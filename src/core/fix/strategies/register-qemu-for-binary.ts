import { isScalar } from 'yaml';
import { existingQemuRef } from '../existing-qemu-ref.js';
import type { FixStrategy, StrategyContext, StrategyOutcome } from '../fix-strategy.js';
import { incidentTarget } from '../incident-target.js';
import { qemuActionRef } from '../qemu-action-ref.js';
import type { BlockLine } from '../workflow-editor.js';
import { WorkflowEditor } from '../workflow-editor.js';

function apply(context: StrategyContext): StrategyOutcome {
  const { source, outline, incident, failing } = context;
  if (!failing) return { kind: 'skip', reason: 'could not find the step that ran the foreign binary' };
  const { job, step } = failing;
  const runsOn = source.deref(job.runsOn?.value);
  const label = isScalar(runsOn) ? String(runsOn.value) : '';
  if (!/ubuntu|\$\{\{/.test(label)) return { kind: 'skip', reason: `QEMU user emulation needs a Linux runner; job '${job.id}' runs on '${label || 'an unknown runner'}'` };
  if (job.steps.some((s) => s.index < step.index && s.uses?.startsWith('docker/setup-qemu-action'))) {
    return { kind: 'skip', reason: `job '${job.id}' already registers QEMU before the failing step` };
  }
  const allUses = outline.jobs.flatMap((j) => j.steps.map((s) => s.uses).filter((u): u is string => u !== null && u.includes('@')));
  const pinned = allUses.length > 0 && allUses.every((u) => /@[0-9a-f]{40}$/.test(u));
  const ref = existingQemuRef(outline, source) ?? qemuActionRef(null, '', pinned);
  const lines: BlockLine[] = [{ depth: 0, text: 'name: Set up QEMU' }, { depth: 0, text: `uses: ${ref.uses}${ref.comment}` }];
  const editor = new WorkflowEditor(source);
  if (!editor.insertStepBefore(job.steps, step, lines)) return { kind: 'skip', reason: 'could not place a step before the failing step' };
  const goarch = incidentTarget(incident).goarch ?? 'foreign';
  return {
    kind: 'edit',
    edits: editor.edits,
    explanation: [
      `Job '${job.id}' executes ${goarch} binaries on a runner of another architecture ("exec format error").`,
      `Added \`${ref.uses}\` before the failing step: it registers binfmt handlers, so the kernel runs ${goarch} binaries through QEMU (slower than a native runner, but it works for every architecture).`,
    ],
  };
}

export const registerQemuForBinary: FixStrategy = {
  id: 'register-qemu-for-binary',
  summary: 'Register QEMU (docker/setup-qemu-action) before the step that executes a foreign binary.',
  classes: ['exec-format-error', 'qemu-binfmt-missing'],
  apply,
  examples: {
    fixes: {
      workflow: ['on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - run: GOARCH=riscv64 go test ./...', ''].join('\n'),
      incident: { class: 'exec-format-error', step: 'Run GOARCH=riscv64 go test ./...', target: { goos: 'linux', goarch: 'riscv64' } },
      expect: ['      - name: Set up QEMU\n        uses: docker/setup-qemu-action@v4\n      - run: GOARCH=riscv64'],
    },
    leaves: {
      workflow: ['on: push', 'jobs:', '  test:', '    runs-on: windows-latest', '    steps:', '      - run: GOARCH=riscv64 go test ./...', ''].join('\n'),
      incident: { class: 'exec-format-error', step: 'Run GOARCH=riscv64 go test ./...', target: { goos: 'linux', goarch: 'riscv64' } },
      expect: [],
    },
  },
};
