import { isScalar } from 'yaml';
import type { FixStrategy, StrategyContext, StrategyOutcome } from '../fix-strategy.js';
import type { BlockLine } from '../workflow-editor.js';
import { WorkflowEditor } from '../workflow-editor.js';
import { existingQemuRef } from '../existing-qemu-ref.js';
import { pairOf } from '../pair-of.js';
import { qemuActionRef } from '../qemu-action-ref.js';
import type { JobOutline, StepOutline } from '../workflow-outline.js';

const isBuildx = (step: StepOutline): boolean => step.uses?.startsWith('docker/setup-buildx-action') ?? false;
const isQemu = (step: StepOutline): boolean => step.uses?.startsWith('docker/setup-qemu-action') ?? false;
const isDockerBuild = (step: StepOutline): boolean =>
  (step.uses?.startsWith('docker/build-push-action') ?? false) ||
  (step.uses?.startsWith('docker/bake-action') ?? false) ||
  (step.uses?.startsWith('goreleaser/goreleaser-action') ?? false) ||
  /\bdocker\s+(buildx\s+)?(build|bake)\b|\bdocker\s+run\b[^\n]*--platform/.test(step.run ?? '');

function pickJob(context: StrategyContext): JobOutline | string {
  const failingJob = context.failing?.job;
  if (failingJob) {
    if (failingJob.steps.some(isBuildx)) return failingJob;
    if (context.incident.class === 'qemu-binfmt-missing' || (context.failing && isDockerBuild(context.failing.step))) return failingJob;
    return `job '${failingJob.id}' runs no docker build`;
  }
  const candidates = context.outline.jobs.filter((job) => job.steps.some(isBuildx) && !job.steps.some(isQemu));
  if (candidates.length === 1 && candidates[0]) return candidates[0];
  if (candidates.length === 0) return 'no job sets up buildx without QEMU';
  return `several jobs set up buildx without QEMU (${candidates.map((j) => j.id).join(', ')}) and the log does not say which one failed`;
}

function apply(context: StrategyContext): StrategyOutcome {
  const { source } = context;
  const job = pickJob(context);
  if (typeof job === 'string') return { kind: 'skip', reason: job };
  const failingIndex = context.failing?.job === job ? context.failing.step.index : job.steps.length;
  const qemu = job.steps.find(isQemu);
  if (qemu && qemu.index < failingIndex) {
    return { kind: 'skip', reason: `job '${job.id}' already runs docker/setup-qemu-action before the failing step` };
  }
  const buildx = job.steps.find((s) => isBuildx(s) && s.index < failingIndex);
  const anchor = buildx ?? (context.failing?.job === job ? context.failing.step : undefined);
  if (!anchor) return { kind: 'skip', reason: `job '${job.id}' has no step to put QEMU in front of` };

  const usesPair = pairOf(anchor.node, 'uses');
  const usesNode = usesPair?.value;
  const buildxComment = buildx && isScalar(usesNode) && usesNode.range ? source.restOfLine(usesNode.range[1]) : '';
  const ref = existingQemuRef(context.outline, source) ?? qemuActionRef(buildx?.uses ?? null, buildxComment);
  const lines: BlockLine[] = [];
  if (anchor.name !== null) lines.push({ depth: 0, text: 'name: Set up QEMU' });
  lines.push({ depth: 0, text: `uses: ${ref.uses}${ref.comment}` });
  const editor = new WorkflowEditor(source);
  if (!editor.insertStepBefore(job.steps, anchor, lines)) {
    return { kind: 'skip', reason: `could not find where the steps of job '${job.id}' start` };
  }
  const platforms = context.incident.facts['platform'];
  return {
    kind: 'edit',
    edits: editor.edits,
    explanation: [
      `Job '${job.id}' builds for ${platforms ? platforms : 'other CPU architectures'} with buildx, but no step registers QEMU, so RUN instructions for a foreign platform fail with "exec format error".`,
      buildx
        ? `Added a \`${ref.uses}\` step right before \`${buildx.uses ?? 'docker/setup-buildx-action'}\`, so binfmt handlers exist when the builder starts.`
        : `Added a \`${ref.uses}\` step right before the failing step.`,
    ],
  };
}

export const addQemuBeforeBuildx: FixStrategy = {
  id: 'add-qemu-before-buildx',
  summary: 'Insert docker/setup-qemu-action before docker/setup-buildx-action (or the failing docker step).',
  classes: ['qemu-binfmt-missing', 'exec-format-error', 'image-platform-mismatch'],
  apply,
  examples: {
    fixes: {
      workflow: [
        'on: push',
        'jobs:',
        '  image:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - uses: docker/setup-buildx-action@v3',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          platforms: linux/amd64,linux/arm64',
        '',
      ].join('\n'),
      incident: { class: 'qemu-binfmt-missing', step: 'Run docker/build-push-action@v6', facts: { platform: 'linux/arm64' } },
      expect: ['      - uses: docker/setup-qemu-action@v3\n      - uses: docker/setup-buildx-action@v3'],
    },
    leaves: {
      workflow: [
        'on: push',
        'jobs:',
        '  image:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: docker/setup-qemu-action@v3',
        '      - uses: docker/setup-buildx-action@v3',
        '      - uses: docker/build-push-action@v6',
        '',
      ].join('\n'),
      incident: { class: 'qemu-binfmt-missing', step: 'Run docker/build-push-action@v6', facts: {} },
      expect: [],
    },
  },
};
