import { LOG_LIMITS } from './log-limits.js';

/** `gh run view --log` and `--log-failed`: `JOB<TAB>STEP<TAB>` before each raw Actions line (with its timestamp). */
const GH_LINE = /^[^\t\n]{1,200}\t[^\t\n]{0,300}\t\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/;
const MAX_PREFIX = 520;
/** What gh prints in the step column when it could not tie a line to a step (the archive had no step logs). */
const NO_STEP = new Set(['UNKNOWN STEP', 'UNKNOWN']);

/** True when the first line of the text is gh run view output. */
export function isGhLog(head: Buffer): boolean {
  const text = head.toString('utf8');
  const nl = text.indexOf('\n');
  return GH_LINE.test(nl === -1 ? text : text.slice(0, nl));
}

/**
 * Passes the log through unchanged (the core strips the prefixes itself) and remembers at which line
 * the job or the step column changes, so that each incident can say which job and step its evidence is in.
 */
export class GhLogContext {
  private readonly changes: Array<{ line: number; job: string; step: string }> = [];
  private line = 1;
  private atLineStart = true;
  private pending: Buffer = Buffer.alloc(0);

  async *wrap(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      this.observe(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      yield chunk;
    }
    if (this.pending.length > 0) this.record(this.pending);
  }

  /** The job and step of a line of the log (1-based), when the log showed them. */
  at(line: number): { job: string; step: string | null } | null {
    let lo = 0;
    let hi = this.changes.length - 1;
    let found: { job: string; step: string | null } | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.changes[mid];
      if (c === undefined) break;
      if (c.line <= line) {
        found = { job: c.job, step: NO_STEP.has(c.step) ? null : c.step };
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private observe(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.atLineStart || this.pending.length > 0) {
        const nl = chunk.indexOf(0x0a, i);
        const end = nl === -1 ? chunk.length : nl;
        if (this.pending.length < MAX_PREFIX) this.pending = Buffer.concat([this.pending, chunk.subarray(i, Math.min(end, i + MAX_PREFIX - this.pending.length))]);
        this.atLineStart = false;
        if (nl === -1) return;
        this.record(this.pending);
        this.pending = Buffer.alloc(0);
        this.line++;
        this.atLineStart = true;
        i = nl + 1;
        continue;
      }
      const nl = chunk.indexOf(0x0a, i);
      if (nl === -1) return;
      this.line++;
      this.atLineStart = true;
      i = nl + 1;
    }
  }

  private record(prefix: Buffer): void {
    const text = prefix.toString('utf8');
    const first = text.indexOf('\t');
    const second = first === -1 ? -1 : text.indexOf('\t', first + 1);
    if (second === -1) return;
    const job = text.slice(0, first);
    const step = text.slice(first + 1, second);
    const last = this.changes.at(-1);
    if (last && last.job === job && last.step === step) return;
    if (this.changes.length >= LOG_LIMITS.ghContextChanges) return;
    this.changes.push({ line: this.line, job, step });
  }
}
