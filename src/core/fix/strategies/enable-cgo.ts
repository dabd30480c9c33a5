import { isScalar } from 'yaml';
import type { Scalar, YAMLMap } from 'yaml';
import type { FixStrategy, StrategyContext, StrategyOutcome } from '../fix-strategy.js';
import { pairOf } from '../pair-of.js';
import type { StepOutline } from '../workflow-outline.js';
import { WorkflowEditor } from '../workflow-editor.js';
import type { WorkflowSource } from '../workflow-source.js';

const INLINE_DISABLED = /\bCGO_ENABLED=(['"]?)0\1(?=[\s;&|)]|$)/g;

/** A place that sets CGO_ENABLED: an env entry or `CGO_ENABLED=…` inside a script. */
type Site =
  | { kind: 'env'; where: string; scalar: Scalar; value: string; shared: string | null }
  | { kind: 'script'; where: string; step: StepOutline; value: string };

function envSite(source: WorkflowSource, env: YAMLMap | null, where: string): Site | null {
  const pair = env ? pairOf(env, 'CGO_ENABLED') : null;
  if (!pair) return null;
  const value = source.deref(pair.value);
  if (!isScalar(value)) return null;
  const anchor = env?.anchor ?? (value !== pair.value ? 'an anchor' : null);
  return { kind: 'env', where, scalar: value, value: String(value.value), shared: anchor ? (anchor === 'an anchor' ? anchor : `&${anchor}`) : null };
}

function scriptSite(step: StepOutline, where: string): Site | null {
  const match = /\bCGO_ENABLED=(['"]?)([^\s'";&|]*)\1/.exec(step.run ?? '');
  return match ? { kind: 'script', where, step, value: match[2] ?? '' } : null;
}

function describe(site: Site): string {
  return `CGO_ENABLED${site.kind === 'script' ? '=' : ': '}${site.value} in ${site.where}`;
}

function apply(context: StrategyContext): StrategyOutcome {
  const { source, outline, failing } = context;
  let site: Site | null;
  if (failing) {
    const { job, step } = failing;
    const stepName = step.name ?? step.uses ?? 'the failing step';
    // The nearest setting wins: the script, then the step env, the job env, the workflow env.
    site =
      scriptSite(step, `the script of step '${stepName}'`) ??
      envSite(source, step.env, `the env of step '${stepName}'`) ??
      envSite(source, job.env, `the env of job '${job.id}'`) ??
      envSite(source, outline.env, 'the workflow env');
    if (!site && step.uses?.startsWith('goreleaser/goreleaser-action')) {
      return { kind: 'skip', reason: 'the workflow does not disable cgo; GoReleaser builds take CGO_ENABLED from .goreleaser.yaml (builds[].env)' };
    }
  } else {
    const all: Site[] = [];
    // An anchored env reused by alias is one place, however many jobs use it.
    const push = (s: Site | null): void => {
      if (s && s.value === '0' && !all.some((o) => o.kind === 'env' && s.kind === 'env' && o.scalar === s.scalar)) all.push(s);
    };
    push(envSite(source, outline.env, 'the workflow env'));
    for (const job of outline.jobs) {
      push(envSite(source, job.env, `the env of job '${job.id}'`));
      for (const step of job.steps) {
        push(envSite(source, step.env, `the env of step '${step.name ?? step.index + 1}' of job '${job.id}'`));
        push(scriptSite(step, `the script of step '${step.name ?? step.index + 1}' of job '${job.id}'`));
      }
    }
    if (all.length > 1) return { kind: 'skip', reason: `${all.length} places set CGO_ENABLED=0 and the log does not say which step failed` };
    site = all[0] ?? null;
  }
  if (!site) return { kind: 'skip', reason: 'the workflow does not set CGO_ENABLED for the failing step; cgo is off because no C compiler was found or because the build cross-compiles' };
  if (site.value === '1') return { kind: 'skip', reason: `${describe(site)} already enables cgo` };
  if (site.value !== '0') return { kind: 'skip', reason: `${describe(site)} is computed, not a literal 0` };

  const editor = new WorkflowEditor(source);
  if (site.kind === 'env') {
    editor.replaceScalarValue(site.scalar, '1');
  } else {
    const node = site.step.runNode;
    if (!node?.range) return { kind: 'skip', reason: 'could not find the script text' };
    const [start, end] = node.range;
    const raw = source.text.slice(start, end);
    editor.edits.push({ start, end, text: raw.replace(INLINE_DISABLED, (_m, quote: string) => `CGO_ENABLED=${quote}1${quote}`) });
  }
  return {
    kind: 'edit',
    edits: editor.edits,
    explanation: [
      `The failing build needs cgo (the log shows code that only exists in files importing "C", or a flag such as -race that requires cgo), but ${describe(site)} turns it off.`,
      `Set it to 1${site.kind === 'env' && site.shared ? ` (the value is shared through the YAML anchor ${site.shared}, so every place that reuses it gets cgo too)` : ''}.`,
    ],
  };
}

export const enableCgo: FixStrategy = {
  id: 'enable-cgo',
  summary: "Set CGO_ENABLED to 1 where the failing step's scope sets it to 0, keeping the quoting.",
  classes: ['cgo-disabled'],
  apply,
  examples: {
    fixes: {
      workflow: ['on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    env:', "      CGO_ENABLED: '0'", '    steps:', '      - run: go test -race ./...', ''].join('\n'),
      incident: { class: 'cgo-disabled', step: 'Run go test -race ./...' },
      expect: ["CGO_ENABLED: '1'"],
    },
    leaves: {
      workflow: ['on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    env:', '      CGO_ENABLED: ${{ matrix.cgo }}', '    steps:', '      - run: go test -race ./...', ''].join('\n'),
      incident: { class: 'cgo-disabled', step: 'Run go test -race ./...' },
      expect: [],
    },
  },
};
