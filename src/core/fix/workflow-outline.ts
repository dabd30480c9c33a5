import { isMap, isScalar, isSeq } from 'yaml';
import type { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { pairOf } from './pair-of.js';
import type { WorkflowSource } from './workflow-source.js';

/** One step of a job, as written in the workflow. */
export interface StepOutline {
  index: number;
  node: YAMLMap;
  name: string | null;
  uses: string | null;
  /** The `run:` script as YAML reads it (block scalars already folded/unindented). */
  run: string | null;
  runNode: Scalar | null;
  env: YAMLMap | null;
  /** `if:` condition text, when the step has one. */
  condition: string | null;
}

/** The parts of `strategy.matrix` the strategies care about. */
export interface MatrixOutline {
  node: YAMLMap;
  /** Dimension name → its values as written (a sequence), or null when it is an expression. */
  dimensions: Map<string, YAMLSeq | null>;
  include: YAMLSeq | null;
  exclude: YAMLSeq | null;
}

/** One job of the workflow. */
export interface JobOutline {
  id: string;
  node: YAMLMap;
  runsOn: Pair | null;
  matrix: MatrixOutline | null;
  env: YAMLMap | null;
  stepsNode: YAMLSeq | null;
  steps: StepOutline[];
  /** `uses:` of a reusable-workflow job. */
  uses: string | null;
  with: YAMLMap | null;
}

export interface WorkflowOutline {
  env: YAMLMap | null;
  jobs: JobOutline[];
}

/** Reads jobs, steps, matrices and env blocks; aliases are followed. */
export function outlineWorkflow(source: WorkflowSource): WorkflowOutline {
  const root = source.doc.contents;
  if (!isMap(root)) return { env: null, jobs: [] };
  const mapAt = (map: YAMLMap, key: string): YAMLMap | null => {
    const value = source.deref(pairOf(map, key)?.value);
    return isMap(value) ? value : null;
  };
  const seqAt = (map: YAMLMap, key: string): YAMLSeq | null => {
    const value = source.deref(pairOf(map, key)?.value);
    return isSeq(value) ? value : null;
  };
  const stringAt = (map: YAMLMap, key: string): string | null => {
    const value = source.deref(pairOf(map, key)?.value);
    return isScalar(value) && value.value !== null && value.value !== undefined ? String(value.value) : null;
  };

  const jobs: JobOutline[] = [];
  const jobsMap = mapAt(root, 'jobs');
  for (const pair of jobsMap?.items ?? []) {
    const node = source.deref(pair.value);
    if (!isScalar(pair.key) || !isMap(node)) continue;
    const stepsNode = seqAt(node, 'steps');
    const steps: StepOutline[] = [];
    stepsNode?.items.forEach((item, index) => {
      const step = source.deref(item);
      if (!isMap(step)) return;
      const runValue = source.deref(pairOf(step, 'run')?.value);
      steps.push({
        index,
        node: step,
        name: stringAt(step, 'name'),
        uses: stringAt(step, 'uses'),
        run: stringAt(step, 'run'),
        runNode: isScalar(runValue) ? runValue : null,
        env: mapAt(step, 'env'),
        condition: stringAt(step, 'if'),
      });
    });
    const strategy = mapAt(node, 'strategy');
    const matrixNode = strategy ? mapAt(strategy, 'matrix') : null;
    let matrix: MatrixOutline | null = null;
    if (matrixNode) {
      const dimensions = new Map<string, YAMLSeq | null>();
      for (const dim of matrixNode.items) {
        if (!isScalar(dim.key)) continue;
        const key = String(dim.key.value);
        if (key === 'include' || key === 'exclude') continue;
        const value = source.deref(dim.value);
        dimensions.set(key, isSeq(value) ? value : null);
      }
      matrix = { node: matrixNode, dimensions, include: seqAt(matrixNode, 'include'), exclude: seqAt(matrixNode, 'exclude') };
    }
    jobs.push({
      id: String(pair.key.value),
      node,
      runsOn: pairOf(node, 'runs-on'),
      matrix,
      env: mapAt(node, 'env'),
      stepsNode,
      steps,
      uses: stringAt(node, 'uses'),
      with: mapAt(node, 'with'),
    });
  }
  return { env: mapAt(root, 'env'), jobs };
}
