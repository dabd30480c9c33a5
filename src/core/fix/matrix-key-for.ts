import { isMap, isScalar } from 'yaml';
import type { Scalar } from 'yaml';
import type { MatrixOutline } from './workflow-outline.js';
import type { WorkflowSource } from './workflow-source.js';

/** A matrix key and every scalar that gives it a value (dimension items and include entries). */
export interface MatrixKeyUse {
  key: string;
  /** Scalars whose value is the one looked for. */
  matching: Scalar[];
  /** Every value the key takes anywhere in the matrix. */
  values: Set<string>;
  /** True when the value comes from a dimension list (so every other dimension multiplies it). */
  inDimension: boolean;
}

/**
 * Finds the matrix key that takes `value` (e.g. the key that is 'arm64' on the failing leg): keys
 * named like `prefer` first (goarch, arch), then any key. Null when no key takes that value.
 */
export function matrixKeyFor(source: WorkflowSource, matrix: MatrixOutline, value: string, prefer: RegExp = /arch/i): MatrixKeyUse | null {
  const uses = new Map<string, MatrixKeyUse>();
  const note = (key: string, scalar: unknown, inDimension: boolean): void => {
    const node = source.deref(scalar);
    if (!isScalar(node) || node.value === null || node.value === undefined) return;
    const use = uses.get(key) ?? { key, matching: [], values: new Set<string>(), inDimension: false };
    const text = String(node.value);
    use.values.add(text);
    if (text === value) {
      use.matching.push(node);
      if (inDimension) use.inDimension = true;
    }
    uses.set(key, use);
  };
  for (const [key, seq] of matrix.dimensions) for (const item of seq?.items ?? []) note(key, item, true);
  for (const entry of matrix.include?.items ?? []) {
    const map = source.deref(entry);
    if (!isMap(map)) continue;
    for (const pair of map.items) if (isScalar(pair.key)) note(String(pair.key.value), pair.value, false);
  }
  const candidates = [...uses.values()].filter((u) => u.matching.length > 0);
  const rank = (u: MatrixKeyUse): number => (/^goarch$/i.test(u.key) ? 0 : prefer.test(u.key) ? 1 : 2);
  candidates.sort((a, b) => rank(a) - rank(b));
  return candidates[0] ?? null;
}
