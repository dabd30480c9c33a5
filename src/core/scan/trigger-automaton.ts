/**
 * A case-insensitive Aho-Corasick automaton over bytes: finds the first occurrence of any trigger word in
 * a byte range with one table lookup per byte. Faster than a regex alternation over a latin1 string, and it
 * scans the bytes as they arrived (no decoding of lines that contain no trigger).
 *
 * Triggers are ASCII; letters match either case. Non-ASCII bytes never belong to a trigger. A line break
 * (LF or CR) inside a trigger is skipped, so a hit can end on the line after the one where it began.
 */
export class TriggerAutomaton {

  constructor(triggers: readonly string[]) {
    const classOf = new Uint8Array(256);
    let width = 1;
    for (const t of triggers) {
      for (const ch of t.toLowerCase()) {
        const code = ch.charCodeAt(0);
        if (code > 127) throw new Error(`trigger "${t}" is not ASCII`);
        if (classOf[code] === 0) {
          classOf[code] = width;
          const upper = ch.toUpperCase().charCodeAt(0);
          if (upper !== code) classOf[upper] = width;
          width++;
        }
      }
    }
    // Trie. Built with typed arrays and native row copies: this runs at every start of the CLI, in V8's
    // interpreter, and a Map per state made it the largest cost of a cold `goarch diagnose`.
    const lineBreak = width;
    const fullWidth = width + 1;
    const maxStates = 1 + triggers.reduce((sum, t) => sum + t.length, 0);
    const child = new Int32Array(maxStates * width).fill(-1);
    const kids: number[][] = [[]];
    /** Indices (into `triggers`) of the triggers that end at each state, its failure chain's included. */
    const outputs: number[][] = [[]];
    const depthOf = new Int32Array(maxStates);
    let n = 1;
    for (const [index, t] of triggers.entries()) {
      let st = 0;
      for (const ch of t.toLowerCase()) {
        const c = classOf[ch.charCodeAt(0)] ?? 0;
        let next = child[st * width + c] ?? -1;
        if (next === -1) {
          next = n++;
          child[st * width + c] = next;
          depthOf[next] = (depthOf[st] ?? 0) + 1;
          kids[st]?.push(c);
          kids.push([]);
          outputs.push([]);
        }
        st = next;
      }
      outputs[st]?.push(index);
    }
    // Failure links, breadth first, folded into a full transition table (state numbers for now): a state's
    // row is its failure state's row with its own children written over it.
    const table = new Int32Array(n * fullWidth);
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (const c of kids[0] ?? []) {
      const next = child[c] ?? 0;
      table[c] = next;
      queue.push(next);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const st = queue[qi] ?? 0;
      const f = fail[st] ?? 0;
      const own = outputs[st] ?? [];
      for (const o of outputs[f] ?? []) if (!own.includes(o)) own.push(o);
      table.copyWithin(st * fullWidth, f * fullWidth, f * fullWidth + width);
      for (const c of kids[st] ?? []) {
        const next = child[st * width + c] ?? 0;
        fail[next] = table[f * fullWidth + c] ?? 0;
        table[st * fullWidth + c] = next;
        queue.push(next);
      }
    }
    // A line break inside a trigger word is transparent: a message that a terminal wrapped over two lines
    // ("exec format err" / "or") still hits, and the scanner joins the two lines before matching.
    for (let st = 0; st < n; st++) table[st * fullWidth + lineBreak] = st;
    classOf[10] = lineBreak;
    classOf[13] = lineBreak;
    // Entries become row offsets (state * width), so the hot loop needs no multiply, negated for states
    // where a trigger ends, so the same load tells whether to stop. The root (offset 0) never accepts, so
    // -0 cannot arise. classOf maps a byte to its character class (0: in no trigger).
    const accepts = outputs.map((o) => o.length > 0);
    for (let i = 0; i < table.length; i++) {
      const target = table[i] ?? 0;
      table[i] = accepts[target] ? -target * fullWidth : target * fullWidth;
    }
    const depth = depthOf.subarray(0, n);
    const found = { depth: 0, state: 0 };
    const depths = depth;
    this.crossesAt = (bytes, from, lineBreak, to) => {
      let st = 0;
      for (let i = from; i < to; i++) {
        st = table[Math.abs(st) + classOf[bytes[i]!]!]!;
        if (st < 0 && i > lineBreak && depths[-st / fullWidth]! > i - lineBreak) return true;
      }
      return false;
    };
    this.find = makeBlockFinder(table, classOf, depths, fullWidth, lineBreak, found);
    this.maxLength = triggers.reduce((m, t) => Math.max(m, t.length), 0);
    this.findOrUnprintable = (bytes, from, to) => {
      let st = 0;
      for (let i = from; i < to; i++) {
        const b = bytes[i]!;
        if (b < 0x20 || b > 0x7e) return i;
        st = table[st + classOf[b]!]!;
        if (st < 0) return i;
      }
      return -1;
    };
    const outs = outputs.map((o) => Int32Array.from(o));
    this.triggersIn = (text, into) => {
      let st = 0;
      let n = 0;
      for (let i = 0; i < text.length; i++) {
        let code = text.charCodeAt(i);
        if (code > 127) {
          // As toLowerCase would: of all non-ASCII characters only these two lower-case to ASCII letters
          // (U+0130 to i and a combining dot, which belongs to no trigger; the Kelvin sign to k).
          if (code === 0x130) {
            st = table[Math.abs(st) + classOf[0x69]!]!;
            if (st < 0) for (const o of outs[-st / fullWidth]!) if (!seenBefore(into, n, o)) into[n++] = o;
            code = 0;
          } else code = code === 0x212a ? 0x6b : 0;
        }
        st = table[Math.abs(st) + classOf[code]!]!;
        if (st < 0) for (const o of outs[-st / fullWidth]!) if (!seenBefore(into, n, o)) into[n++] = o;
      }
      return n;
    };
    this.lastDepth = () => found.depth;
  }

  /**
   * After a hit: the length of the text the automaton had matched when it stopped (the longest trigger
   * prefix ending there; at least the trigger's length). More than the hit's column means the trigger may
   * have begun on an earlier line.
   */
  readonly lastDepth: () => number;

  /**
   * Every trigger that occurs in a (decoded, normalised) text, ASCII case-insensitively: their indices into
   * the constructor's list are written to `into[0..n)`, in the order they end, and n is returned. Finds what
   * `text.toLowerCase().includes(trigger)` finds, without making the lower-case copy.
   */
  readonly triggersIn: (text: string, into: number[]) => number;

  /** Length of the longest trigger. */
  readonly maxLength: number;

  /** Index of the first byte that ends a trigger or is not printable ASCII (a control byte, a tab, non-ASCII) in bytes[from, to), or -1. */
  readonly findOrUnprintable: (bytes: Uint8Array, from: number, to: number) => number;

  /** True when a trigger found in bytes[from, to) began at or before `lineBreak` and ends after it. */
  readonly crossesAt: (bytes: Uint8Array, from: number, lineBreak: number, to: number) => boolean;

  /**
   * Index of the last byte of the first trigger found in bytes[from, to), or -1. A closure over the
   * tables rather than a method: V8 keeps them as constants in the hot loop (about 18% faster).
   */
  readonly find: (bytes: Uint8Array, from: number, to: number) => number;
}

function seenBefore(list: readonly number[], n: number, value: number): boolean {
  for (let i = 0; i < n; i++) if (list[i] === value) return true;
  return false;
}

/** What a run leaves behind: the depth at its hit, or the state it ended in when it found none. */
interface Found {
  depth: number;
  state: number;
}

/** Bytes per block of the paired runs: a multiple of 4, far longer than any trigger. */
const BLOCK = 2048;
/** Bytes from the start of a range scanned by one run before the paired runs begin. */
const HEAD = 4096;

/**
 * Runs the automaton over bytes[from, to) from a state (a row offset, not accepting): the index of the
 * first byte that ends a trigger (its depth in `found.depth`), or -1 with the state reached in
 * `found.state`. Unrolled by four: one bound check per four bytes. With hits a line or two apart
 * (BuildKit's vertex headers, the dense worst case) V8 ran the simple loop at about half the speed of this
 * one (same hits).
 */
function makeRunner(delta: Int32Array, classOf: Uint8Array, depth: Int32Array, width: number, found: Found): (bytes: Uint8Array, from: number, to: number, state: number) => number {
  return (bytes, from, to, state) => {
    let s = state;
    let i = from;
    for (const last = to - 3; i < last; i += 4) {
      s = delta[s + classOf[bytes[i]!]!]!;
      if (s < 0) {
        found.depth = depth[-s / width]!;
        return i;
      }
      s = delta[s + classOf[bytes[i + 1]!]!]!;
      if (s < 0) {
        found.depth = depth[-s / width]!;
        return i + 1;
      }
      s = delta[s + classOf[bytes[i + 2]!]!]!;
      if (s < 0) {
        found.depth = depth[-s / width]!;
        return i + 2;
      }
      s = delta[s + classOf[bytes[i + 3]!]!]!;
      if (s < 0) {
        found.depth = depth[-s / width]!;
        return i + 3;
      }
    }
    for (; i < to; i++) {
      s = delta[s + classOf[bytes[i]!]!]!;
      if (s < 0) {
        found.depth = depth[-s / width]!;
        return i;
      }
    }
    found.state = s;
    return -1;
  };
}

/**
 * The first hit in bytes[from, to), found by two runs of the automaton at once over a pair of blocks:
 * A goes on over the first block from the state reached so far, B starts from the root at the second.
 * Each step of one run waits for the table load of the step before, so one run alone leaves the CPU idle
 * most of the time; two interleaved runs take about as long as one (measured here: 1.8 times the bytes
 * per second on a log without hits).
 *
 * Exact, not a heuristic. A's state is the longest suffix of the text read (line breaks left out) that
 * begins a trigger; B's is the same for the text from the second block on. Once A, run on into the second
 * block, holds a suffix no longer than what it has read of that block, the two states are the same and
 * stay the same, so B's hit (or B's state at the end) is A's. Until then any hit of B is a hit of A at the
 * same byte or earlier (A's state holds B's as a suffix), so A finds it first.
 */
function makeBlockFinder(delta: Int32Array, classOf: Uint8Array, depth: Int32Array, width: number, lineBreak: number, found: Found): (bytes: Uint8Array, from: number, to: number) => number {
  const run = makeRunner(delta, classOf, depth, width, found);
  return (bytes, from, to) => {
    // The first bytes by one run: where hits are a line or two apart (BuildKit's vertex headers), the paired
    // runs would mostly scan ahead for nothing.
    const head = Math.min(to, from + HEAD);
    const first = run(bytes, from, head, 0);
    if (first !== -1 || head === to) return first;
    let s = found.state;
    let p = head;
    while (to - p >= 2 * BLOCK) {
      const mid = p + BLOCK;
      let a = s;
      let b = 0;
      let i = p;
      let j = mid;
      let hitB = -1;
      for (; i < mid; i += 4, j += 4) {
        a = delta[a + classOf[bytes[i]!]!]!;
        b = delta[b + classOf[bytes[j]!]!]!;
        if ((a | b) < 0) {
          break;
        }
        a = delta[a + classOf[bytes[i + 1]!]!]!;
        b = delta[b + classOf[bytes[j + 1]!]!]!;
        if ((a | b) < 0) {
          i += 1;
          j += 1;
          break;
        }
        a = delta[a + classOf[bytes[i + 2]!]!]!;
        b = delta[b + classOf[bytes[j + 2]!]!]!;
        if ((a | b) < 0) {
          i += 2;
          j += 2;
          break;
        }
        a = delta[a + classOf[bytes[i + 3]!]!]!;
        b = delta[b + classOf[bytes[j + 3]!]!]!;
        if ((a | b) < 0) {
          i += 3;
          j += 3;
          break;
        }
      }
      let depthB = 0;
      // Stopped inside the block (i < mid): one of the runs hit.
      if (i < mid) {
        if (a < 0) {
          found.depth = depth[-a / width]!;
          return i;
        }
        // B stopped at its first hit; A goes on alone to the end of its block.
        hitB = j;
        depthB = depth[-b / width]!;
        const h = run(bytes, i + 1, mid, a);
        if (h !== -1) return h;
        a = found.state;
      }
      // A on into B's block, until its state is one B had too (or it finds a hit first).
      let read = 0;
      let k = mid;
      for (const end = mid + BLOCK; k < end && depth[a / width]! > read; k++) {
        const c = classOf[bytes[k]!]!;
        a = delta[a + c]!;
        if (a < 0) {
          found.depth = depth[-a / width]!;
          return k;
        }
        if (c !== lineBreak) read++;
      }
      if (hitB !== -1) {
        found.depth = depthB;
        return hitB;
      }
      // A's state at the block's end is B's, unless A never met it (a suffix longer than the block).
      s = k < mid + BLOCK ? b : a;
      p = mid + BLOCK;
    }
    return run(bytes, p, to, s);
  };
}
