import { isMap, isScalar } from 'yaml';
import type { Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { pairOf } from './pair-of.js';
import { quoteLike } from './quote-like.js';
import type { TextEdit } from './text-edit.js';
import type { MatrixOutline, StepOutline } from './workflow-outline.js';
import type { WorkflowSource } from './workflow-source.js';

/** One line of a block to insert: `depth` counts indentation units below the block's first key. */
export interface BlockLine {
  depth: number;
  text: string;
}

/**
 * Collects text edits against a workflow source. Every method finds its place through the YAML
 * Document's node ranges and writes new lines in the file's own indentation, so the result differs
 * from the input only on the lines that carry the fix.
 */
export class WorkflowEditor {
  readonly edits: TextEdit[] = [];
  /** Spaces per nesting level in this file (from the first job key; 2 when unknown). */
  readonly unit: number;

  constructor(readonly source: WorkflowSource) {
    this.unit = detectIndentUnit(source);
  }

  /** Column (0-based) of a node's first character. */
  column(node: Node): number {
    const start = node.range?.[0] ?? 0;
    return start - this.source.lineStart(this.source.lineAt(start));
  }

  /** Last line (0-based) a node's value occupies. */
  lastLine(node: Node): number {
    const end = node.range?.[1] ?? 0;
    return this.source.lineAt(Math.max(end - 1, node.range?.[0] ?? 0));
  }

  /** Replaces the source text of a node. */
  replaceNode(node: Node, text: string): void {
    const range = node.range;
    if (!range) throw new Error('node without a source range');
    this.edits.push({ start: range[0], end: range[1], text });
  }

  /** Replaces a scalar's value, keeping its quoting style ('x', "x" or plain). */
  replaceScalarValue(scalar: Scalar, value: string): void {
    this.replaceNode(scalar, quoteLike(scalar, value));
  }

  /** Inserts raw lines (already indented, no line endings) before line `line`. */
  insertLinesBefore(line: number, lines: readonly string[]): void {
    const offset = this.source.lineStart(line);
    const prefix = offset === this.source.text.length && !this.source.endsWithNewline && offset > 0 ? this.source.eol : '';
    this.edits.push({ start: offset, end: offset, text: prefix + lines.map((l) => l + this.source.eol).join('') });
  }

  /** Inserts raw lines after line `line`. */
  insertLinesAfter(line: number, lines: readonly string[]): void {
    this.insertLinesBefore(line + 1, lines);
  }

  /** Renders block lines at a base column. */
  render(base: number, lines: readonly BlockLine[]): string[] {
    return lines.map((l) => (l.text === '' ? '' : ' '.repeat(base + l.depth * this.unit) + l.text));
  }

  /**
   * Inserts a new step before `step`, in the same list style: same dash and key columns, and a blank
   * line after it when the steps of this job are separated by blank lines. Comment lines directly
   * above `step` stay with `step`.
   */
  insertStepBefore(steps: readonly StepOutline[], step: StepOutline, lines: readonly BlockLine[]): boolean {
    const geometry = this.stepGeometry(step);
    if (!geometry) return false;
    let start = geometry.line;
    while (start > 0 && this.source.isComment(start - 1) && this.source.indentOf(start - 1) >= geometry.dash) start -= 1;
    const separated = this.stepsAreSeparated(steps, step, start);
    const [first, ...rest] = lines;
    if (!first) return false;
    const out = [' '.repeat(geometry.dash) + '- '.padEnd(geometry.key - geometry.dash, ' ') + first.text, ...this.render(geometry.key, rest)];
    if (separated) out.push('');
    this.insertLinesBefore(start, out);
    return true;
  }

  /** Column of a step's dash and of its keys; null when the dash is not on the first key's line. */
  stepGeometry(step: StepOutline): { line: number; dash: number; key: number } | null {
    const start = step.node.range?.[0];
    if (start === undefined) return null;
    const line = this.source.lineAt(start);
    const key = start - this.source.lineStart(line);
    const before = this.source.lineText(line).slice(0, key);
    const dash = before.lastIndexOf('-');
    if (dash < 0 || before.slice(dash + 1).trim() !== '' || before.slice(0, dash).trim() !== '') return null;
    return { line, dash, key };
  }

  private stepsAreSeparated(steps: readonly StepOutline[], step: StepOutline, startLine: number): boolean {
    if (step.index > 0 && startLine > 0) return this.source.isBlank(startLine - 1);
    const next = steps.find((s) => s.index === step.index + 1);
    const nextStart = next?.node.range?.[0];
    if (nextStart === undefined) return false;
    let line = this.source.lineAt(nextStart) - 1;
    while (line > 0 && this.source.isComment(line)) line -= 1;
    return this.source.isBlank(line);
  }

  /** Adds `key: value` at the end of a block map, at the column of its keys. False for flow maps. */
  appendToMap(map: YAMLMap, entries: ReadonlyArray<readonly [string, string]>): boolean {
    if (map.flow || map.items.length === 0) return false;
    const firstKey = map.items[0]?.key;
    const last = map.items[map.items.length - 1];
    if (!isScalar(firstKey) || !last) return false;
    const column = this.column(firstKey);
    const lastNode = (last.value ?? last.key) as Node;
    this.insertLinesAfter(this.lastLine(lastNode), entries.map(([k, v]) => `${' '.repeat(column)}${k}: ${v}`));
    return true;
  }

  /**
   * Sets env entries on a step: appended to its `env:` block, or a new `env:` placed just before
   * `run:` (or after the step's last key when it has no `run:`).
   */
  addStepEnv(step: StepOutline, entries: ReadonlyArray<readonly [string, string]>): boolean {
    if (step.env) return this.appendToMap(step.env, entries);
    const geometry = this.stepGeometry(step);
    if (!geometry) return false;
    const block: BlockLine[] = [{ depth: 0, text: 'env:' }, ...entries.map(([k, v]) => ({ depth: 1, text: `${k}: ${v}` }))];
    const run = pairOf(step.node, 'run');
    if (run && isScalar(run.key)) {
      const runLine = this.source.lineAt(run.key.range?.[0] ?? 0);
      if (runLine === geometry.line) {
        // `- run: …` is the first key: the new env goes after the run value instead.
        this.insertLinesAfter(this.lastLine(run.value as Node), this.render(geometry.key, block));
      } else {
        this.insertLinesBefore(runLine, this.render(geometry.key, block));
      }
      return true;
    }
    const last = step.node.items[step.node.items.length - 1];
    if (!last) return false;
    this.insertLinesAfter(this.lastLine((last.value ?? last.key) as Node), this.render(geometry.key, block));
    return true;
  }

  /** Appends an item to a sequence: `, value` in a flow list, a new `- value` line in a block list. */
  appendToSeq(seq: YAMLSeq, value: string): boolean {
    const lastItem = seq.items[seq.items.length - 1];
    if (!isScalar(lastItem) || !lastItem.range) return false;
    if (seq.flow) {
      const end = lastItem.range[1];
      this.edits.push({ start: end, end, text: `, ${quoteLike(lastItem, value)}` });
      return true;
    }
    const geometryLine = this.source.lineAt(lastItem.range[0]);
    const text = this.source.lineText(geometryLine);
    const dash = text.indexOf('-');
    if (dash < 0) return false;
    this.insertLinesAfter(this.lastLine(lastItem), [`${text.slice(0, dash)}- ${quoteLike(lastItem, value)}`]);
    return true;
  }

  /** Appends a map item (`- k: v` / `  k2: v2`) to a block sequence of maps. */
  appendMapToSeq(seq: YAMLSeq, entries: ReadonlyArray<readonly [string, string]>): boolean {
    if (seq.flow) return false;
    const lastItem = seq.items[seq.items.length - 1];
    if (!isMap(lastItem) && !isScalar(lastItem)) return false;
    const node = lastItem as Node;
    const start = node.range?.[0];
    if (start === undefined) return false;
    const line = this.source.lineAt(start);
    const keyColumn = start - this.source.lineStart(line);
    const before = this.source.lineText(line).slice(0, keyColumn);
    const dash = before.lastIndexOf('-');
    if (dash < 0) return false;
    const lines = entries.map(([k, v], i) => (i === 0 ? `${' '.repeat(dash)}-${' '.repeat(keyColumn - dash - 1)}${k}: ${v}` : `${' '.repeat(keyColumn)}${k}: ${v}`));
    this.insertLinesAfter(this.lastLine(node), lines);
    return true;
  }

  /**
   * Appends a map entry to the matrix's `include:` or `exclude:` list, creating the list (after the
   * matrix's last key) when it does not exist yet. False for flow-style lists or matrices.
   */
  appendMatrixEntry(matrix: MatrixOutline, list: 'include' | 'exclude', entries: ReadonlyArray<readonly [string, string]>): boolean {
    const seq = matrix[list];
    if (seq) return seq.items.length > 0 && this.appendMapToSeq(seq, entries);
    const lastPair = matrix.node.items[matrix.node.items.length - 1];
    const firstKey = matrix.node.items[0]?.key;
    if (!lastPair || !isScalar(firstKey) || matrix.node.flow) return false;
    const lines: BlockLine[] = [
      { depth: 0, text: `${list}:` },
      ...entries.map(([k, v], i) => ({ depth: 1, text: `${i === 0 ? '- ' : '  '}${k}: ${v}` })),
    ];
    this.insertLinesAfter(this.lastLine((lastPair.value ?? lastPair.key) as Node), this.render(this.column(firstKey), lines));
    return true;
  }
}

function detectIndentUnit(source: WorkflowSource): number {
  const root = source.doc.contents;
  if (!isMap(root)) return 2;
  const jobs = pairOf(root, 'jobs');
  const jobsMap = jobs?.value;
  if (!isScalar(jobs?.key) || !isMap(jobsMap)) return 2;
  const firstJob = jobsMap.items[0]?.key;
  if (!isScalar(firstJob) || !firstJob.range || !jobs.key.range) return 2;
  const columnOf = (offset: number): number => offset - source.lineStart(source.lineAt(offset));
  const unit = columnOf(firstJob.range[0]) - columnOf(jobs.key.range[0]);
  return unit > 0 && unit <= 8 ? unit : 2;
}
