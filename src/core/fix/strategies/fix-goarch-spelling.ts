import { isMap, isScalar } from 'yaml';
import type { Scalar, YAMLMap } from 'yaml';
import { correctGoarch } from '../../platform/index.js';
import type { FixStrategy, StrategyContext, StrategyOutcome } from '../fix-strategy.js';
import { incidentTarget } from '../incident-target.js';
import type { JobOutline } from '../workflow-outline.js';
import { WorkflowEditor } from '../workflow-editor.js';
import type { WorkflowSource } from '../workflow-source.js';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A scalar that holds the misspelt GOARCH, and where it is. */
interface Site {
  scalar: Scalar;
  where: string;
}

function collect(source: WorkflowSource, jobs: readonly JobOutline[], workflowEnv: YAMLMap | null, wrong: string, keyPattern: RegExp): Site[] {
  const token = new RegExp(`(?<![A-Za-z0-9_-])${escapeRegex(wrong)}(?![A-Za-z0-9_-])`);
  const sites: Site[] = [];
  const seen = new Set<Scalar>();
  const add = (node: unknown, where: string): void => {
    const scalar = source.deref(node);
    if (!isScalar(scalar) || seen.has(scalar) || !token.test(source.sourceOf(scalar))) return;
    seen.add(scalar);
    sites.push({ scalar, where });
  };
  const fromMap = (map: YAMLMap | null, pattern: RegExp, where: string): void => {
    for (const pair of map?.items ?? []) if (isScalar(pair.key) && pattern.test(String(pair.key.value))) add(pair.value, `${where} ${String(pair.key.value)}`);
  };
  fromMap(workflowEnv, /^goarch$/i, 'workflow env');
  for (const job of jobs) {
    fromMap(job.env, /^goarch$/i, `env of job '${job.id}':`);
    fromMap(job.with, keyPattern, `input of job '${job.id}':`);
    if (job.matrix) {
      for (const [key, seq] of job.matrix.dimensions) {
        if (keyPattern.test(key)) for (const item of seq?.items ?? []) add(item, `matrix of job '${job.id}': ${key}`);
      }
      for (const list of [job.matrix.include, job.matrix.exclude]) {
        for (const entry of list?.items ?? []) {
          const map = source.deref(entry);
          if (isMap(map)) fromMap(map, keyPattern, `matrix entry of job '${job.id}':`);
        }
      }
    }
    for (const step of job.steps) {
      const label = `step '${step.name ?? step.uses ?? step.index + 1}' of job '${job.id}'`;
      fromMap(step.env, /^goarch$/i, `env of ${label}:`);
      const withMap = source.deref(step.node.items.find((p) => isScalar(p.key) && p.key.value === 'with')?.value);
      if (isMap(withMap)) fromMap(withMap, keyPattern, `input of ${label}:`);
      if (step.runNode && new RegExp(`\\bGOARCH=["']?${escapeRegex(wrong)}(?![A-Za-z0-9_-])`).test(source.sourceOf(step.runNode))) {
        sites.push({ scalar: step.runNode, where: `script of ${label}` });
      }
    }
  }
  return sites;
}

function apply(context: StrategyContext): StrategyOutcome {
  const { source, outline, incident, failing } = context;
  const wrong = incident.facts['goarch'] ?? incidentTarget(incident).goarch;
  if (!wrong) return { kind: 'skip', reason: 'the incident does not name the GOARCH value' };
  const right = correctGoarch(wrong);
  if (!right) return { kind: 'skip', reason: `'${wrong}' is not a misspelling of a GOARCH value goarch knows` };

  // Look where the failing step runs first; widen to the whole file when the value is set elsewhere
  // (a reusable workflow's inputs, another job's matrix). Keys named GOARCH first, then any *arch* key.
  const scopes: JobOutline[][] = failing ? [[failing.job], outline.jobs] : [outline.jobs];
  let sites: Site[] = [];
  for (const jobs of scopes) {
    for (const pattern of [/^goarch$/i, /arch/i]) {
      sites = collect(source, jobs, outline.env, wrong, pattern);
      if (sites.length > 0) break;
    }
    if (sites.length > 0) break;
  }
  if (sites.length === 0) return { kind: 'skip', reason: `could not find where the workflow sets GOARCH to '${wrong}'` };

  const editor = new WorkflowEditor(source);
  const token = new RegExp(`(?<![A-Za-z0-9_-])${escapeRegex(wrong)}(?![A-Za-z0-9_-])`, 'g');
  const inScript = new RegExp(`(\\bGOARCH=["']?)${escapeRegex(wrong)}(?![A-Za-z0-9_-])`, 'g');
  for (const site of sites) {
    const range = site.scalar.range;
    if (!range) continue;
    const raw = source.text.slice(range[0], range[1]);
    const fixed = site.where.startsWith('script') ? raw.replace(inScript, `$1${right}`) : raw.replace(token, right);
    editor.edits.push({ start: range[0], end: range[1], text: fixed });
  }
  const armNote = right === 'arm' && /v[67]/.test(wrong) ? ` Set GOARM=${/v6/.test(wrong) ? '6' : '7'} as well if you need that ARM version.` : '';
  return {
    kind: 'edit',
    edits: editor.edits,
    explanation: [
      `Go has no GOARCH '${wrong}' ("unsupported GOOS/GOARCH pair"); the Go name of that architecture is '${right}'.`,
      `Replaced '${wrong}' with '${right}' in ${sites.map((s) => s.where).join('; ')}.${armNote}`,
    ],
  };
}

export const fixGoarchSpelling: FixStrategy = {
  id: 'fix-goarch-spelling',
  summary: 'Rename a GOARCH spelt the uname/Docker/Debian way (aarch64, x86_64, armhf…) to the Go name, in matrix, env, inputs or scripts.',
  classes: ['unsupported-platform'],
  apply,
  examples: {
    fixes: {
      workflow: ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    strategy:', '      matrix:', '        goarch: [amd64, aarch64]', '    steps:', '      - run: GOARCH=${{ matrix.goarch }} go build ./...', ''].join('\n'),
      incident: { class: 'unsupported-platform', step: 'Run GOARCH=aarch64 go build ./...', facts: { goos: 'linux', goarch: 'aarch64' } },
      expect: ['goarch: [amd64, arm64]'],
    },
    leaves: {
      workflow: ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - run: GOOS=darwin GOARCH=386 go build ./...', ''].join('\n'),
      incident: { class: 'unsupported-platform', step: 'Run GOOS=darwin GOARCH=386 go build ./...', facts: { goos: 'darwin', goarch: '386' } },
      expect: [],
    },
  },
};
