import { isAlias, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';

/**
 * The workflow text together with its parsed YAML Document and a line index.
 * Strategies read the structure from `doc` (node ranges are offsets into `text`) and express
 * their changes as text edits on `text`, so untouched bytes survive exactly.
 */
export class WorkflowSource {
  readonly text: string;
  readonly doc: Document.Parsed;
  /** The file's line ending, reused for every inserted line. */
  readonly eol: '\n' | '\r\n';
  /** Offset of the first character of each line. */
  private readonly lineStarts: number[];

  private constructor(text: string, doc: Document.Parsed) {
    this.text = text;
    this.doc = doc;
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i += 1) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** Parses `text`; returns the YAML error messages when it is not a single valid YAML document. */
  static parse(text: string): WorkflowSource | { errors: string[] } {
    const doc = parseDocument(text, { keepSourceTokens: true, uniqueKeys: true });
    if (doc.errors.length > 0) return { errors: doc.errors.map((e) => e.message) };
    return new WorkflowSource(text, doc);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based line index of an offset. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset where line `line` starts (the end of the text for a line past the last). */
  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /** The text of a line without its line ending. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = this.lineStarts[line + 1];
    const raw = next === undefined ? this.text.slice(start) : this.text.slice(start, next);
    return raw.replace(/\r?\n$/, '');
  }

  /** Offset just after the line ending of `line` (= start of the next line). */
  lineEnd(line: number): number {
    return this.lineStarts[line + 1] ?? this.text.length;
  }

  /** Leading spaces of a line. */
  indentOf(line: number): number {
    const text = this.lineText(line);
    return text.length - text.trimStart().length;
  }

  isBlank(line: number): boolean {
    return this.lineText(line).trim() === '';
  }

  isComment(line: number): boolean {
    return this.lineText(line).trimStart().startsWith('#');
  }

  /** The source text of a node's value (quotes included for quoted scalars). */
  sourceOf(node: Node): string {
    const range = node.range;
    if (!range) return '';
    return this.text.slice(range[0], range[1]);
  }

  /** Follows an alias to the node its anchor names; other nodes are returned as they are. */
  deref(node: unknown): unknown {
    if (isAlias(node)) return node.resolve(this.doc) ?? null;
    return node;
  }

  /** The text from `offset` to the end of its line (e.g. a trailing " # v4.0.0" comment). */
  restOfLine(offset: number): string {
    const line = this.lineAt(offset);
    return this.lineText(line).slice(offset - this.lineStart(line));
  }

  /** True when the text ends with a line ending (so an insertion at the end needs none in front). */
  get endsWithNewline(): boolean {
    return this.text.endsWith('\n');
  }
}
