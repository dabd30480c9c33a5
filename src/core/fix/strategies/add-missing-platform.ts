import { isMap, isScalar } from 'yaml';
import type { Scalar } from 'yaml';
import type { FixStrategy, StrategyContext, StrategyOutcome } from '../fix-strategy.js';
import { GO_PORTS } from '../../platform/index.js';
import { pairOf } from '../pair-of.js';
import type { JobOutline } from '../workflow-outline.js';
import { WorkflowEditor } from '../workflow-editor.js';

/** The platform the failing step needed: the runner's (host) platform, else the `platform` fact. */
function wantedPlatform(context: StrategyContext): { goos: string; goarch: string } | null {
  const host = context.incident.host;
  if (host?.goarch) return { goos: host.goos ?? 'linux', goarch: host.goarch };
  const match = /^([a-z0-9]+)\/([a-z0-9]+)/.exec(context.incident.facts['platform'] ?? '');
  return match?.[1] && match[2] ? { goos: match[1], goarch: match[2] } : null;
}

/** Adds `linux/arm64` to the `platforms:` input of docker build steps (following `${{ env.X }}` to the env entry). */
function addDockerPlatform(context: StrategyContext, wanted: { goos: string; goarch: string }): StrategyOutcome {
  const { source, outline } = context;
  const platform = `${wanted.goos}/${wanted.goarch}`;
  const editor = new WorkflowEditor(source);
  const changed: string[] = [];
  for (const job of outline.jobs) {
    for (const step of job.steps) {
      if (!/^docker\/(build-push|bake)-action@/.test(step.uses ?? '')) continue;
      const withMap = source.deref(pairOf(step.node, 'with')?.value);
      if (!isMap(withMap)) continue;
      let scalar = source.deref(pairOf(withMap, 'platforms')?.value);
      if (!isScalar(scalar)) continue;
      const envRef = /^\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(String(scalar.value).trim());
      if (envRef?.[1]) {
        const name = envRef[1];
        const envPair = [step.env, job.env, outline.env].map((m) => (m ? pairOf(m, name) : null)).find((p) => p);
        scalar = source.deref(envPair?.value);
        if (!isScalar(scalar)) continue;
      }
      const value = String(scalar.value);
      if (value.includes('${{')) continue;
      const list = value.split(/[\s,]+/).filter(Boolean);
      if (list.includes(platform) || list.some((p) => p.startsWith(`${platform}/`))) continue;
      if (!scalar.range || (scalar as Scalar).type?.startsWith('BLOCK')) continue;
      const separator = /,\s/.test(value) ? ', ' : ',';
      const end = scalar.type === 'PLAIN' ? scalar.range[1] : scalar.range[1] - 1;
      editor.edits.push({ start: end, end, text: `${separator}${platform}` });
      changed.push(`job '${job.id}'`);
    }
  }
  if (editor.edits.length === 0) return { kind: 'skip', reason: `no docker build step with a literal platforms list lacking ${platform}` };
  return {
    kind: 'edit',
    edits: editor.edits,
    explanation: [
      `The image is pulled on a ${platform} machine but was built without ${platform}.`,
      `Added ${platform} to the platforms the image is built for (${changed.join(', ')}). Multi-platform builds need QEMU or a cross-compiling Dockerfile.`,
    ],
  };
}

/** Adds the wanted GOARCH to the build matrix of another job, when every resulting GOOS/GOARCH pair is a Go port. */
function addMatrixArch(context: StrategyContext, wanted: { goos: string; goarch: string }): StrategyOutcome {
  const { source, outline, failing } = context;
  const editor = new WorkflowEditor(source);
  const builds = outline.jobs.filter((job): job is JobOutline & { matrix: NonNullable<JobOutline['matrix']> } => job.matrix !== null && job !== failing?.job);
  for (const job of builds) {
    const archKey = [...job.matrix.dimensions.keys()].find((k) => /^(go)?arch$/i.test(k));
    const osKey = [...job.matrix.dimensions.keys()].find((k) => /^goos$|^os$/i.test(k));
    const archSeq = archKey ? job.matrix.dimensions.get(archKey) : null;
    if (!archKey || !archSeq) continue;
    const archs = archSeq.items.map((i) => String((source.deref(i) as Scalar | null)?.value ?? ''));
    if (archs.includes(wanted.goarch)) continue;
    const oses = osKey ? (job.matrix.dimensions.get(osKey)?.items ?? []).map((i) => String((source.deref(i) as Scalar | null)?.value ?? '')) : [wanted.goos];
    if (!oses.includes(wanted.goos)) continue;
    if (oses.every((os) => GO_PORTS.has(`${os}/${wanted.goarch}`))) {
      if (!editor.appendToSeq(archSeq, wanted.goarch)) continue;
      return {
        kind: 'edit',
        edits: editor.edits,
        explanation: [
          `The failing step needs a ${wanted.goos}/${wanted.goarch} binary, but job '${job.id}' builds only ${archs.join(', ')}.`,
          `Added ${wanted.goarch} to its matrix (${archKey}).`,
        ],
      };
    }
    if (osKey && job.matrix.include && !job.matrix.include.flow && job.matrix.include.items.length > 0 && job.matrix.dimensions.size === 2) {
      if (!editor.appendMapToSeq(job.matrix.include, [[osKey, wanted.goos], [archKey, wanted.goarch]])) continue;
      return {
        kind: 'edit',
        edits: editor.edits,
        explanation: [
          `The failing step needs a ${wanted.goos}/${wanted.goarch} binary, but job '${job.id}' does not build it.`,
          `Added an include entry for ${wanted.goos}/${wanted.goarch} (adding ${wanted.goarch} to the whole matrix would create pairs Go does not support).`,
        ],
      };
    }
  }
  return { kind: 'skip', reason: `no build matrix over GOARCH that lacks ${wanted.goarch}` };
}

function apply(context: StrategyContext): StrategyOutcome {
  const wanted = wantedPlatform(context);
  if (!wanted) return { kind: 'skip', reason: 'the incident does not say which platform was wanted' };
  if (context.incident.class === 'image-platform-mismatch') return addDockerPlatform(context, wanted);
  return addMatrixArch(context, wanted);
}

export const addMissingPlatform: FixStrategy = {
  id: 'add-missing-platform',
  summary: 'Add the platform the incident shows is wanted to the build matrix or to the docker platforms list.',
  classes: ['image-platform-mismatch', 'exec-format-error', 'dlopen-arch-mismatch'],
  apply,
  examples: {
    fixes: {
      workflow: [
        'on: push',
        'jobs:',
        '  image:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: docker/setup-qemu-action@v3',
        '      - uses: docker/setup-buildx-action@v3',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          platforms: linux/amd64',
        '',
      ].join('\n'),
      incident: { class: 'image-platform-mismatch', host: { goos: 'linux', goarch: 'arm64' }, facts: { platform: 'linux/arm64' } },
      expect: ['platforms: linux/amd64,linux/arm64'],
    },
    leaves: {
      workflow: [
        'on: push',
        'jobs:',
        '  image:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          platforms: linux/amd64,linux/arm64',
        '',
      ].join('\n'),
      incident: { class: 'image-platform-mismatch', host: { goos: 'linux', goarch: 'arm64' }, facts: { platform: 'linux/arm64' } },
      expect: [],
    },
  },
};
