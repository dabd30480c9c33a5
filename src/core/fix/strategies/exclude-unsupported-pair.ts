import { isScalar } from 'yaml';
import type { FixStrategy, StrategyContext, StrategyOutcome } from '../fix-strategy.js';
import { GO_PORTS } from '../../platform/index.js';
import { incidentTarget } from '../incident-target.js';
import { quoteLike } from '../quote-like.js';
import { WorkflowEditor } from '../workflow-editor.js';

function apply(context: StrategyContext): StrategyOutcome {
  const { source, outline, incident, failing } = context;
  const { goos, goarch } = incidentTarget(incident);
  if (!goos || !goarch) return { kind: 'skip', reason: 'the incident does not name both GOOS and GOARCH' };
  if (GO_PORTS.has(`${goos}/${goarch}`)) return { kind: 'skip', reason: `${goos}/${goarch} is a valid Go port` };
  const knownArch = [...GO_PORTS].some((p) => p.endsWith(`/${goarch}`));
  const knownOs = [...GO_PORTS].some((p) => p.startsWith(`${goos}/`));
  if (!knownArch || !knownOs) return { kind: 'skip', reason: `${goos}/${goarch} names an unknown GOOS or GOARCH, not an unsupported pair` };

  const jobs = failing ? [failing.job] : outline.jobs;
  for (const job of jobs) {
    const matrix = job.matrix;
    if (!matrix) continue;
    let osKey: string | null = null;
    let archKey: string | null = null;
    let osLike = null;
    let archLike = null;
    for (const [key, seq] of matrix.dimensions) {
      for (const item of seq?.items ?? []) {
        const scalar = source.deref(item);
        if (!isScalar(scalar)) continue;
        if (String(scalar.value) === goos && /os/i.test(key)) [osKey, osLike] = [key, scalar];
        if (String(scalar.value) === goarch && /arch/i.test(key)) [archKey, archLike] = [key, scalar];
      }
    }
    if (!osKey || !archKey || !osLike || !archLike) continue;
    const editor = new WorkflowEditor(source);
    if (!editor.appendMatrixEntry(matrix, 'exclude', [[osKey, quoteLike(osLike, goos)], [archKey, quoteLike(archLike, goarch)]])) continue;
    return {
      kind: 'edit',
      edits: editor.edits,
      explanation: [
        `Go does not support ${goos}/${goarch} ("unsupported GOOS/GOARCH pair"), but the matrix of job '${job.id}' crosses every ${osKey} with every ${archKey}, so it builds that pair.`,
        `Excluded ${goos}/${goarch} from the matrix; the other pairs still build.`,
      ],
    };
  }
  return { kind: 'skip', reason: `no matrix crosses ${goos} with ${goarch}` };
}

export const excludeUnsupportedPair: FixStrategy = {
  id: 'exclude-unsupported-pair',
  summary: 'Exclude a GOOS/GOARCH pair Go does not support (darwin/386, windows/riscv64…) from a goos × goarch matrix.',
  classes: ['unsupported-platform'],
  apply,
  examples: {
    fixes: {
      workflow: ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    strategy:', '      matrix:', '        goos: [linux, darwin]', '        goarch: [amd64, "386"]', '    steps:', '      - run: go build ./...', ''].join('\n'),
      incident: { class: 'unsupported-platform', facts: { goos: 'darwin', goarch: '386' } },
      expect: ['        exclude:\n          - goos: darwin\n            goarch: "386"'],
    },
    leaves: {
      workflow: ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    strategy:', '      matrix:', '        goos: [linux, darwin]', '        goarch: [amd64, arm64]', '    steps:', '      - run: go build ./...', ''].join('\n'),
      incident: { class: 'unsupported-platform', facts: { goos: 'linux', goarch: 'arm64' } },
      expect: [],
    },
  },
};
