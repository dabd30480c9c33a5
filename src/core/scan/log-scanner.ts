import { Buffer } from 'node:buffer';
import type { Platform } from '../model/incident.js';
import { normalizeLine, type NormalizedLine } from '../log/normalize-line.js';
import { promptCommand } from '../log/shell-prompt.js';
import type { Rule, ContextPattern } from '../rules/rule.js';
import type { RuleSet } from '../rules/rule-set.js';
import { execPattern } from '../rules/compile-pattern.js';
import { ContextTracker, FACT_WORDS, type ContextSnapshot, type VertexInfo } from './context-tracker.js';
import { TriggerAutomaton } from './trigger-automaton.js';

/** One line that a rule matched, with what the log said around it. */
export interface RuleMatch {
  rule: Rule;
  /** 1-based line number in the original log. */
  line: number;
  /** The normalised line (timestamps, colours and markers removed). */
  text: string;
  /** Named captures of the rule pattern and of its context patterns. */
  captures: Record<string, string>;
  context: ContextSnapshot;
  /** The last shell trace (`+ cmd`) or prompt (`$ cmd`, `bash-3.2$ cmd`, `PS C:\\> cmd`) line before the match, within its step. */
  trace: string | null;
  /** BuildKit vertex of the line, if any. */
  vertex: number | null;
}

export interface ScanResult {
  matches: RuleMatch[];
  host: Platform | null;
  /** The context at the end of the log (facts printed after the error, such as `go env`). */
  final: ContextSnapshot;
  /** Container build vertices as known at the end of the log. */
  vertexInfo: (vertex: number) => VertexInfo | null;
  lines: number;
  bytes: number;
  truncated: boolean;
}

export interface ScanOptions {
  /** Stop reading after this many bytes (the result says truncated). */
  maxBytes?: number;
}

/** Lines kept behind and required ahead of a line before it is examined (context windows). */
export const LOOKBEHIND = 40;
export const LOOKAHEAD = 40;
/** Longest piece of a line that is matched against rules; longer lines are examined around each trigger. */
const MAX_LINE = 64 * 1024;
/** A line still without its end past this size is examined in pieces and not kept whole in memory. */
const LONG_LINE = 1024 * 1024;
const LONG_LINE_OVERLAP = 1024;
/** A line shorter than this was not wrapped by a terminal (they wrap at 80 columns or more). */
const MIN_WRAPPED = 60;
const MAX_WRAP_PIECES = 8;

/** A line's length as a terminal showed it (bytes, without a CR end): the width a wrap cuts at. */
function rawLength(buf: Uint8Array, s: number, e: number): number {
  return e > s && buf[e - 1] === 0x0d ? e - s - 1 : e - s;
}
/** Enough evidence per rule for every distinct root cause in a log; a log with thousands of repeats adds nothing. */
const MAX_MATCHES_PER_RULE = 40;

/**
 * Streaming scanner: bytes in, rule matches out, without holding the log in memory.
 *
 * An Aho-Corasick automaton over every trigger word scans the raw bytes and finds the few candidate
 * lines, which alone are decoded as UTF-8, normalised and matched against their rules. Line numbers are
 * those of the original log.
 */
export class LogScanner {
  /** Unprocessed bytes plus a window of lines behind; always starts at a line start. */
  private buf: Buffer = Buffer.alloc(0);
  /** The buffer `buf` is a view of, and the other one, which the next push fills. */
  private backing: Buffer = this.buf;
  private spare: Buffer = Buffer.alloc(0);
  private pos = 0;
  private countPos = 0;
  private countLine = 1;
  private bytes = 0;
  private truncated = false;
  private done = false;
  private readonly tracker = new ContextTracker();
  private readonly matches: RuleMatch[] = [];
  private readonly perRule = new Map<string, number>();
  private readonly maxBytes: number;
  private readonly automaton: TriggerAutomaton;
  private readonly index: TriggerIndex;
  /** Scratch for the trigger indices found in one text. */
  private readonly ids: number[] = [];
  /**
   * Normalised text of the lines read as context (before and after a match), by start offset in `buf`, so
   * that matches close together decode their neighbours once. Only complete lines; emptied whenever `buf`
   * moves.
   */
  private readonly texts = new Map<number, string>();

  constructor(
    ruleSet: RuleSet,
    options: ScanOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this.index = indexFor(ruleSet);
    this.automaton = this.index.automaton;
  }

  /** Feeds the next chunk. Returns false once the byte limit is reached (further chunks are ignored). */
  push(chunk: Uint8Array): boolean {
    if (this.done) return false;
    let data = chunk;
    if (this.bytes + data.length > this.maxBytes) {
      data = data.subarray(0, Math.max(0, this.maxBytes - this.bytes));
      this.truncated = true;
      this.done = true;
    }
    this.bytes += data.length;
    this.append(data);
    this.process(false);
    this.guardLongLine();
    this.compact();
    return !this.done;
  }

  bytesRead(): number {
    return this.bytes;
  }

  finish(): ScanResult {
    this.process(true);
    const lastStart = this.buf.lastIndexOf(NL) + 1;
    const trailing = lastStart < this.buf.length ? 1 : 0;
    const lines = this.lineNumberAt(lastStart) - 1 + trailing;
    return { matches: this.matches, host: this.tracker.host(), final: this.tracker.snapshot(lines, null), vertexInfo: (v) => this.tracker.vertexInfo(v), lines, bytes: this.bytes, truncated: this.truncated };
  }

  private process(final: boolean): void {
    const buf = this.buf;
    let limit: number;
    if (final) limit = buf.length;
    else {
      let p = buf.lastIndexOf(NL);
      for (let k = 0; k < LOOKAHEAD && p > this.pos; k++) p = buf.lastIndexOf(NL, p - 1);
      limit = p + 1;
    }
    while (this.pos < limit) {
      if (this.tracker.wantsEveryLine()) {
        const end = lineEnd(buf, this.pos);
        this.handleLine(this.pos, end, -1);
        this.pos = end + 1;
        continue;
      }
      const hit = this.automaton.find(buf, this.pos, limit);
      if (hit === -1) {
        this.pos = limit;
        break;
      }
      const start = hit === 0 ? 0 : buf.lastIndexOf(NL, hit - 1) + 1;
      const end = lineEnd(buf, hit);
      this.handleLine(start, end, hit);
      this.pos = end + 1;
    }
    if (this.pos > buf.length) this.pos = buf.length;
  }

  /** A line without an end that grows past LONG_LINE is examined now and dropped but for an overlap. */
  private guardLongLine(): void {
    const lastStart = this.buf.lastIndexOf(NL) + 1;
    if (this.buf.length - lastStart <= LONG_LINE) return;
    this.process(true);
    const scanTo = this.buf.length - LONG_LINE_OVERLAP;
    let at = Math.max(lastStart, this.pos === this.buf.length ? lastStart : this.pos);
    while (at < scanTo) {
      const hit = this.automaton.find(this.buf, at, scanTo);
      if (hit === -1) break;
      this.handleLine(lastStart, this.buf.length, hit);
      at = Math.min(scanTo, hit + MAX_LINE / 2);
    }
    // Keep the line's number right: count up to here, then drop the examined middle of the line.
    this.lineNumberAt(lastStart);
    this.buf = Buffer.concat([this.buf.subarray(0, lastStart), this.buf.subarray(this.buf.length - LONG_LINE_OVERLAP)]);
    this.backing = this.buf;
    this.texts.clear();
    this.pos = lastStart;
    this.countPos = Math.min(this.countPos, lastStart);
  }

  /**
   * The kept lines and the chunk, copied into whichever of two reused buffers `buf` is not in: a fresh
   * buffer per chunk (Buffer.concat) cost a page fault per 4 KB and the garbage collector's time.
   * No view of `buf` outlives a push (lines leave it as strings).
   */
  private append(data: Uint8Array): void {
    const need = this.buf.length + data.length;
    // A quarter to spare, not double: the two buffers would otherwise leapfrog each other to several times a chunk.
    const target = this.spare.length >= need ? this.spare : Buffer.allocUnsafeSlow(need + (need >> 2));
    this.buf.copy(target, 0);
    target.set(data, this.buf.length);
    this.spare = this.backing;
    this.backing = target;
    this.buf = target.subarray(0, need);
  }

  private compact(): void {
    let p = this.pos - 1;
    for (let k = 0; k < LOOKBEHIND && p > 0; k++) p = this.buf.lastIndexOf(NL, p - 1);
    const keepFrom = Math.max(0, p + 1);
    if (keepFrom === 0) return;
    this.lineNumberAt(keepFrom);
    // A view: the next push copies the kept lines out of it.
    this.buf = this.buf.subarray(keepFrom);
    this.texts.clear();
    this.pos -= keepFrom;
    this.countPos -= keepFrom;
  }

  private lineNumberAt(offset: number): number {
    if (offset < this.countPos) return this.countLine - countLineBreaks(this.buf, offset, this.countPos);
    this.countLine += countLineBreaks(this.buf, this.countPos, offset);
    this.countPos = offset;
    return this.countLine;
  }

  private handleLine(start: number, end: number, hit: number): void {
    // How much text the automaton had matched at the hit (before any other search moves it).
    const depth = hit >= 0 ? this.automaton.lastDepth() : 0;
    if (hit >= 0 && end - start <= MAX_LINE && this.quietLine(start, end, hit, depth)) return;
    const lineNo = this.lineNumberAt(start);
    let from = start;
    let to = end;
    if (to - from > MAX_LINE) {
      const centre = hit >= 0 ? hit : start;
      from = Math.max(start, centre - MAX_LINE / 2);
      to = Math.min(end, from + MAX_LINE);
    }
    const norm = normalized(this.buf, from, to);
    if (this.tracker.observe(norm, lineNo)) return;
    const candidates = this.candidatesIn(norm.text);
    if (candidates.length > 0 && this.matchLine(candidates, norm.text, lineNo, norm.vertex, start, end)) return;
    // A message a terminal wrapped over several lines: the pattern needs the rest of the message, or (with no
    // candidates) a trigger crosses a line break, from the line before or into the next line of a long one.
    // A trigger that ends here but is not found in this line alone began before it (a timestamp prefix makes
    // the column useless for telling).
    const fromBefore = hit >= start && (depth > hit - start + 1 || this.automaton.find(this.buf, start, hit + 1) === -1);
    if (candidates.length === 0 && !fromBefore && !this.triggerRunsOn(start, end)) return;
    this.matchWrapped(norm.text, lineNo, norm.vertex, start, end, fromBefore);
  }

  /**
   * The rules whose trigger words occur in a text, highest priority first: what RuleSet.candidates gives for
   * its lower case, found by one pass of the automaton instead of a search per trigger word.
   */
  private candidatesIn(text: string): readonly Rule[] {
    const ids = this.ids;
    const n = this.automaton.triggersIn(text, ids);
    const { rulesOf, cache } = this.index;
    let count = 0;
    let only = -1;
    for (let i = 0; i < n; i++) {
      if (rulesOf[ids[i]!] !== null) {
        count++;
        only = ids[i]!;
      }
    }
    if (count === 0) return NO_RULES;
    // One word: its rules, already in order.
    if (count === 1) return rulesOf[only]!;
    const found: number[] = [];
    for (let i = 0; i < n; i++) if (rulesOf[ids[i]!] !== null) found.push(ids[i]!);
    found.sort((a, b) => a - b);
    const key = found.join(',');
    let rules = cache.get(key);
    if (!rules) {
      const out = new Set<Rule>();
      for (const t of found) for (const r of rulesOf[t] ?? []) out.add(r);
      rules = [...out].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
      if (cache.size < 1024) cache.set(key, rules);
    }
    return rules;
  }

  /**
   * A line that its hit (a context word: `goarch=` in `packagefile internal/goarch=...`, a BuildKit vertex
   * header's `[linux/`) shows to the tracker but that carries none of the facts it reads, and no rule
   * trigger: decided on the bytes, and the line is then not decoded, normalised nor matched. Plain printable
   * ASCII only, so that the normalised text is a suffix of these bytes and holds no word they lack; not a
   * piece of a wrapped message. A BuildKit line is decoded for its vertex number alone.
   */
  private quietLine(start: number, end: number, hit: number, depth: number): boolean {
    const buf = this.buf;
    if (this.index.facts.findOrUnprintable(buf, start, end) !== -1) return false;
    // As handleLine decides for a line without candidates: a trigger that begins on the line before, or
    // that this long line's end begins, makes it a piece of a wrapped message.
    if (depth > hit - start + 1 || this.automaton.find(buf, start, hit + 1) === -1) return false;
    if (this.triggerRunsOn(start, end)) return false;
    const hash = buf.indexOf(HASH, start);
    if (hash !== -1 && hash < end) {
      const norm = normalized(buf, start, end);
      return this.tracker.observeQuiet(norm.vertex, norm.text, this.lineNumberAt(start));
    }
    return this.tracker.observeQuiet(null, '', 0);
  }

  /** A long line whose last bytes begin a trigger that the next line completes (a wrapped message). */
  private triggerRunsOn(start: number, end: number): boolean {
    if (end - start < MIN_WRAPPED || end >= this.buf.length) return false;
    const nextEnd = lineEnd(this.buf, end + 1);
    // A trigger that crosses the break begins and ends within its length of it (the break bytes, LF and a
    // CR, are skipped: two more).
    const reach = this.automaton.maxLength + 2;
    return this.automaton.crossesAt(this.buf, Math.max(start, end - reach), end, Math.min(nextEnd, end + reach));
  }

  /** Runs the candidate rules on one (possibly joined) text; true when any matched. */
  private matchLine(candidates: readonly Rule[], text: string, lineNo: number, vertex: number | null, start: number, end: number): boolean {
    let before: string[] | null = null;
    let snapshot: RuleMatch['context'] | null = null;
    let matched = false;
    // Every rule that matches is kept: which one wins is decided once the whole log is known
    // (a higher-priority rule may need conditions that only later lines settle).
    for (const rule of candidates) {
      const count = this.perRule.get(rule.id) ?? 0;
      if (count >= MAX_MATCHES_PER_RULE) continue;
      const captures = matchAny(rule.patterns, text);
      if (!captures) continue;
      before ??= this.linesBefore(start, LOOKBEHIND);
      if (!this.contextHolds(rule.before, before, captures)) continue;
      if (rule.after.length > 0 && !this.contextHolds(rule.after, this.linesAfter(end, LOOKAHEAD).reverse(), captures, true)) continue;
      this.perRule.set(rule.id, count + 1);
      snapshot ??= this.tracker.snapshot(lineNo, vertex);
      this.matches.push({ rule, line: lineNo, text, captures: { ...rule.facts, ...captures }, context: snapshot, trace: lastTrace(before), vertex });
      matched = true;
    }
    return matched;
  }

  /**
   * Rebuilds the message a terminal wrapped: the lines before this one that have the same length (the
   * terminal's width, at least MIN_WRAPPED) and, while the last piece has that width too, the lines after,
   * at most MAX_WRAP_PIECES in all. Tried joined as they are and with a space at each break; the match is
   * reported on the first piece.
   */
  private matchWrapped(text: string, lineNo: number, vertex: number | null, start: number, end: number, fromBefore: boolean): void {
    // This line as the last piece: the lines before it of one length (the terminal's width), if it is not longer.
    // Only the run of lines of the last one's width is ever joined: read no further back than that.
    const before = start > 0 ? this.linesBefore(start, MAX_WRAP_PIECES - 1, true) : [];
    const width = (before[before.length - 1] ?? '').length;
    // A trigger word that crosses the break: a word-wrapping viewer breaks at a space, short of the width.
    if (fromBefore && width > 0 && (width < MIN_WRAPPED || text.length > width)) {
      const pieces = [before[before.length - 1] ?? '', text];
      if (this.tryPieces(pieces, lineNo - 1, vertex, start, end)) return;
    }
    // A terminal wraps the raw line: its first piece keeps the prefix (a timestamp) that normalising removes,
    // so the pieces are told by their raw width, and the first may read shorter.
    const raw = start > 0 ? this.rawRunBefore(start, MAX_WRAP_PIECES - 1) : { texts: [], width: 0, from: start };
    if (raw.texts.length > 0 && raw.width >= MIN_WRAPPED && text.length <= raw.width && (raw.texts.length !== before.length || raw.width !== width)) {
      if (this.tryPieces([...raw.texts, text], lineNo - raw.texts.length, vertex, raw.from, end)) return;
    }
    if (width >= MIN_WRAPPED && text.length <= width) {
      const pieces = [text];
      for (let i = before.length - 1; i >= 0 && (before[i] ?? '').length === width; i--) pieces.unshift(before[i] ?? '');
      const firstLine = lineNo - (pieces.length - 1);
      // A middle piece: the message goes on while the pieces have the full width.
      if (text.length === width) pieces.push(...this.linesAfter(end, MAX_WRAP_PIECES - pieces.length, width));
      if (this.tryPieces(pieces, firstLine, vertex, start, end)) return;
    }
    // This line as the first piece: the lines after it while the one before has this line's (raw) length.
    const rawWidth = rawLength(this.buf, start, end);
    if (rawWidth < MIN_WRAPPED) return;
    this.tryPieces([text, ...this.linesAfter(end, MAX_WRAP_PIECES - 1, rawWidth)], lineNo, vertex, start, end);
  }

  /** `start` is where the context before the message ends: the first piece's start when it is known. */
  private tryPieces(pieces: string[], first: number, vertex: number | null, start: number, end: number): boolean {
    if (pieces.length < 2) return false;
    // The joined message may state facts too (a platform warning wrapped over two lines).
    this.tracker.observeWrapped(pieces.join(''), first, vertex);
    for (const joined of [pieces.join(''), pieces.map((p, i) => (i === 0 ? p : p.trimStart())).join(' ')]) {
      const candidates = this.candidatesIn(joined);
      if (candidates.length > 0 && this.matchLine(candidates, joined, first, vertex, start, end)) return true;
    }
    return false;
  }

  /** `lines` are nearest-last: the pattern must (not) occur within the rule's window. */
  private contextHolds(patterns: readonly ContextPattern[], lines: string[], captures: Record<string, string>, reversed = false): boolean {
    for (const c of patterns) {
      const window = lines.slice(Math.max(0, lines.length - c.within));
      let found: Record<string, string> | null = null;
      for (let i = window.length - 1; i >= 0 && !found; i--) {
        const line = window[i] ?? '';
        found = matchAny([c.regex], line);
        // The context line may be a message a terminal wrapped: try it with the lines that follow it.
        let joined = line;
        for (let k = 1; !found && k < MAX_WRAP_PIECES && ((reversed ? window[i - k + 1] : window[i + k - 1]) ?? '').length >= MIN_WRAPPED; k++) {
          const following = reversed ? window[i - k] : window[i + k];
          if (following === undefined) break;
          joined += following;
          found = matchAny([c.regex], joined);
        }
      }
      if (c.present !== (found !== null)) return false;
      if (found) for (const [k, v] of Object.entries(found)) if (!(k in captures)) captures[k] = v;
    }
    return true;
  }

  /** The normalised text of the line at [s, e) (at most MAX_LINE bytes of it). */
  private lineText(s: number, e: number): string {
    let text = this.texts.get(s);
    if (text === undefined) {
      text = normalized(this.buf, s, Math.min(e, s + MAX_LINE)).text;
      // A line still without its end may grow with the next chunk.
      if (e < this.buf.length) {
        if (this.texts.size >= 4096) this.texts.clear();
        this.texts.set(s, text);
      }
    }
    return text;
  }

  /** Up to n normalised lines before `start`, oldest first; with `sameWidth`, only those of the nearest one's length. */
  /**
   * The run of lines just before `start` that have one raw width (the terminal's), nearest-last, with that
   * width: the earlier pieces of a message a terminal wrapped.
   */
  private rawRunBefore(start: number, n: number): { texts: string[]; width: number; from: number } {
    const texts: string[] = [];
    let width = -1;
    let from = start;
    let end = start - 1;
    while (texts.length < n && end > 0) {
      const s = this.buf.lastIndexOf(NL, end - 1) + 1;
      const len = rawLength(this.buf, s, end);
      if (width >= 0 && len !== width) break;
      width = len;
      texts.push(this.lineText(s, end));
      from = s;
      end = s - 1;
    }
    return { texts: texts.reverse(), width: Math.max(width, 0), from };
  }

  private linesBefore(start: number, n: number, sameWidth = false): string[] {
    const out: string[] = [];
    let end = start - 1;
    while (out.length < n && end > 0) {
      const s = this.buf.lastIndexOf(NL, end - 1) + 1;
      const text = this.lineText(s, end);
      if (sameWidth && out.length > 0 && text.length !== out[0]!.length) break;
      out.push(text);
      end = s - 1;
    }
    return out.reverse();
  }

  /** Up to n normalised lines after `end`; with `width`, stopping after the first line not of that length. */
  private linesAfter(end: number, n: number, width = -1): string[] {
    const out: string[] = [];
    let s = end + 1;
    while (out.length < n && s < this.buf.length) {
      const e = lineEnd(this.buf, s);
      const text = this.lineText(s, e);
      out.push(text);
      if (width >= 0 && text.length !== width) break;
      s = e + 1;
    }
    return out;
  }
}

const NL = 10;
const HASH = 0x23;
const NO_RULES: readonly Rule[] = [];

/** The automaton over a rule set's trigger words, and the rules each word (by its index) calls for. */
interface TriggerIndex {
  automaton: TriggerAutomaton;
  /** Per trigger index: the rules it triggers, or null for a word only the context tracker reads. */
  rulesOf: Array<readonly Rule[] | null>;
  cache: Map<string, readonly Rule[]>;
  /** Every rule trigger and every word the context tracker needs to read a fact (FACT_WORDS). */
  facts: TriggerAutomaton;
}
const indexes = new WeakMap<RuleSet, TriggerIndex>();

function indexFor(rules: RuleSet): TriggerIndex {
  let index = indexes.get(rules);
  if (!index) {
    const byWord = new Map<string, Rule[]>();
    // rules.rules is in priority order, so each word's list is too (as RuleSet.candidates sorts them).
    for (const r of rules.rules) for (const t of r.triggers) if (!byWord.get(t)?.includes(r)) byWord.set(t, [...(byWord.get(t) ?? []), r]);
    const facts = new TriggerAutomaton([...new Set([...byWord.keys(), ...FACT_WORDS])]);
    index = { automaton: new TriggerAutomaton(rules.triggers), rulesOf: rules.triggers.map((t) => byWord.get(t) ?? null), cache: new Map(), facts };
    indexes.set(rules, index);
  }
  return index;
}

function lastTrace(before: readonly string[]): string | null {
  for (let i = before.length - 1; i >= 0; i--) {
    const line = before[i] ?? '';
    const m = /^\+{1,3} (.+)$/.exec(line);
    if (m?.[1]) return m[1].trim();
    const prompt = promptCommand(line);
    if (prompt) return prompt.command;
    if (/^(?:##\[group\])?Run /.test(line)) return null;
  }
  return null;
}

/** The LF bytes in buf[from, to). */
function countLineBreaks(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(NL, from); i !== -1 && i < to; i = buf.indexOf(NL, i + 1)) n++;
  return n;
}

function lineEnd(buf: Buffer, from: number): number {
  const e = buf.indexOf(NL, from);
  return e === -1 ? buf.length : e;
}

/** Set by decode: the line it decoded holds no control byte but tabs (no CR, no escape, no NUL). */
let decodedClean = true;

/** Decodes one line as UTF-8 (invalid sequences become U+FFFD) into a fresh string. */
function decode(buf: Buffer, from: number, to: number): string {
  let clean = true;
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    if (b > 127) {
      // Control bytes are ASCII: UTF-8 decoding creates none.
      for (let j = i; clean && j < to; j++) if (isControl(buf[j]!)) clean = false;
      decodedClean = clean;
      return buf.toString('utf8', from, to);
    }
    if (clean && isControl(b)) clean = false;
  }
  decodedClean = clean;
  return buf.toString('latin1', from, to);
}

function isControl(b: number): boolean {
  return (b < 0x20 && b !== 0x09) || b === 0x7f;
}

/** One line of the buffer, decoded and normalised. */
function normalized(buf: Buffer, from: number, to: number): NormalizedLine {
  const raw = decode(buf, from, to);
  return normalizeLine(raw, decodedClean);
}

function matchAny(patterns: readonly RegExp[], text: string): Record<string, string> | null {
  for (const re of patterns) {
    // The native test first: most tries fail, and XRegExp's exec (for the named captures) costs far more.
    re.lastIndex = 0;
    if (!re.test(text)) continue;
    const m = execPattern(re, text);
    if (m) return m;
  }
  return null;
}
