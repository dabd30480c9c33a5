import { isScalar } from 'yaml';
import type { FixStrategy, StrategyContext, StrategyOutcome } from '../fix-strategy.js';
import { incidentTarget } from '../incident-target.js';
import { jobGoarchValues } from '../job-goarch-values.js';
import { matrixKeyFor } from '../matrix-key-for.js';
import { WorkflowEditor } from '../workflow-editor.js';

type Family = 'arm' | 'x64';

function familyOf(goarch: string): Family | null {
  if (goarch === 'arm64' || goarch === 'arm') return 'arm';
  if (goarch === 'amd64' || goarch === '386') return 'x64';
  return null;
}

/** The GitHub-hosted runner label of the same OS and version for the other CPU family; null when none exists. */
function nativeLabel(label: string, family: Family, options: StrategyContext['options']): string | null {
  const ubuntu = /^ubuntu-(latest|\d\d\.\d\d)(-arm)?$/.exec(label);
  if (ubuntu) {
    const [, version, arm] = ubuntu;
    if (family === 'arm') {
      if (arm) return null;
      return version === '22.04' || version === '24.04' ? `ubuntu-${version}-arm` : options.armRunner;
    }
    if (!arm) return null;
    return `ubuntu-${version ?? '24.04'}`;
  }
  const macos = /^macos-(latest|\d+)(-intel|-large|-xlarge)?$/.exec(label);
  if (macos) {
    const intel = macos[2] === '-intel' || macos[2] === '-large' || macos[1] === '13' || macos[1] === '12';
    if (family === 'arm') return intel ? 'macos-15' : null;
    return intel ? null : 'macos-15-intel';
  }
  const windows = /^windows-(latest|20\d\d|11-arm)$/.exec(label);
  if (windows) {
    if (family === 'arm') return windows[1] === '11-arm' ? null : 'windows-11-arm';
    return windows[1] === '11-arm' ? 'windows-latest' : null;
  }
  return null;
}

const isDockerStep = (uses: string | null, run: string | null): boolean =>
  (uses?.startsWith('docker/') ?? false) || /\bdocker\s+(buildx|build|run)\b/.test(run ?? '');

function apply(context: StrategyContext): StrategyOutcome {
  const { source, incident, failing, options } = context;
  if (options.foreignBinary === 'qemu') return { kind: 'skip', reason: 'the options ask for QEMU instead of a native runner' };
  if (!failing) return { kind: 'skip', reason: 'could not find the step that ran the foreign binary' };
  const { job, step } = failing;
  if (isDockerStep(step.uses, step.run)) return { kind: 'skip', reason: 'the binary runs inside a docker build, where QEMU is the fix' };
  const goarch = incidentTarget(incident).goarch;
  if (!goarch) return { kind: 'skip', reason: 'the incident does not say which architecture the binary is for' };
  const family = familyOf(goarch);
  if (!family) return { kind: 'skip', reason: `GitHub has no hosted ${goarch} runner` };
  const hostArch = incident.host?.goarch ?? null;
  if (hostArch && familyOf(hostArch) === family) return { kind: 'skip', reason: `the runner is already ${hostArch}` };

  const key0 = job.matrix ? matrixKeyFor(source, job.matrix, goarch) : null;
  const buildsTarget =
    key0 !== null || jobGoarchValues(source, job).includes(goarch) || new RegExp(`\\bGOARCH=["']?${goarch}\\b`).test(incident.failingCommand ?? '');
  if (!buildsTarget) return { kind: 'skip', reason: `job '${job.id}' does not build for ${goarch}; the binary comes from elsewhere` };

  const runsOn = source.deref(job.runsOn?.value);
  if (!isScalar(runsOn) || typeof runsOn.value !== 'string') return { kind: 'skip', reason: `job '${job.id}' has no single runs-on label` };
  const label = runsOn.value;
  if (label.includes('${{')) return { kind: 'skip', reason: `runs-on of job '${job.id}' is an expression (${label})` };
  const native = nativeLabel(label, family, options);
  if (!native) return { kind: 'skip', reason: `no GitHub-hosted ${family === 'arm' ? 'arm64' : 'x64'} counterpart of runner '${label}'` };

  const editor = new WorkflowEditor(source);
  const key = key0;
  if (key && key.values.size > 1) {
    const expression = `\${{ matrix.${key.key} == '${goarch}' && '${native}' || '${label}' }}`;
    editor.replaceNode(runsOn, expression);
    return {
      kind: 'edit',
      edits: editor.edits,
      explanation: [
        `The ${goarch} leg of job '${job.id}' runs ${goarch} binaries on the ${label} runner, which cannot execute them ("exec format error").`,
        `runs-on now picks the native ${native} runner when matrix.${key.key} is '${goarch}' and keeps ${label} for the other legs.`,
      ],
    };
  }
  const foreign = jobGoarchValues(source, job).filter((v) => !v.includes('$') && familyOf(v) !== family);
  if (foreign.length > 0) {
    return { kind: 'skip', reason: `job '${job.id}' also runs ${[...new Set(foreign)].join(', ')} binaries, which a ${native} runner cannot execute` };
  }
  editor.replaceScalarValue(runsOn, native);
  return {
    kind: 'edit',
    edits: editor.edits,
    explanation: [
      `Job '${job.id}' runs ${goarch} binaries (${step.run?.split('\n')[0]?.trim() ?? 'the failing step'}) on the ${label} runner, which cannot execute them ("exec format error").`,
      `Moved the job to the native ${native} runner, where they run without emulation.`,
    ],
  };
}

export const runOnNativeRunner: FixStrategy = {
  id: 'run-on-native-runner',
  summary: 'Run the leg that executes foreign binaries on a native runner (ubuntu-24.04-arm for arm64).',
  classes: ['exec-format-error'],
  apply,
  examples: {
    fixes: {
      workflow: ['on: push', 'jobs:', '  test-arm64:', '    runs-on: ubuntu-latest', '    steps:', '      - run: GOARCH=arm64 go test ./...', ''].join('\n'),
      incident: { class: 'exec-format-error', step: 'Run GOARCH=arm64 go test ./...', target: { goos: 'linux', goarch: 'arm64' }, host: { goos: 'linux', goarch: 'amd64' } },
      expect: ['runs-on: ubuntu-24.04-arm'],
    },
    leaves: {
      workflow: ['on: push', 'jobs:', '  test:', '    runs-on: macos-latest', '    steps:', '      - run: GOARCH=arm64 go test ./...', ''].join('\n'),
      incident: { class: 'exec-format-error', step: 'Run GOARCH=arm64 go test ./...', target: { goos: 'linux', goarch: 'arm64' }, host: { goos: 'linux', goarch: 'amd64' } },
      expect: [],
    },
  },
};
