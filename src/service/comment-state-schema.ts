import { z } from 'zod';
import { FAILURE_CLASSES } from '../core/model/index.js';
import type { CommentEntry, GoneLogs } from './comment-state.js';

// What a state read back from a comment may hold: every field the comment renders, typed and capped. A
// state that passes the seal can still have been written by whoever else can comment as the same author
// (the Action without a `state-key`), so an entry that is not of this shape is dropped, never rendered.
const text = (max: number) => z.string().max(max);
const platform = z.object({ goos: text(40).nullable(), goarch: text(40).nullable(), variant: text(20).nullable().optional() }).nullable();
const plan = z.object({ summary: text(2000), commands: z.array(text(4000)).max(30), when: text(1000).optional() });
// A link is shown only through safeUrl (http or https, escaped); which host it points at is not checked here.
const runUrl = text(500);
const job = z.object({ id: z.number().int().nonnegative(), name: text(300), url: runUrl, failedStep: z.number().int().nonnegative().nullable() });
const workflow = z.object({ id: text(200), name: text(300) });

const incident = z
  .object({
    class: z.enum(FAILURE_CLASSES),
    ruleId: text(100),
    title: text(500),
    fingerprint: text(100),
    confidence: z.number().min(0).max(1),
    evidence: z.array(z.object({ line: z.number().int().nonnegative(), text: text(4000) })).max(50),
    host: platform,
    target: platform,
    failingCommand: text(4000).nullable(),
    step: text(500).nullable(),
    facts: z.record(z.string().max(60), text(2000)),
    explanation: text(4000),
    fix: plan,
    alternatives: z.array(plan).max(10),
  })
  .loose();

const fixNote = z.union([
  z.object({ kind: z.literal('planned'), branch: text(200), strategy: text(100), diff: text(60_000), dryRun: z.boolean() }),
  z.object({ kind: z.literal('none'), reason: text(2000) }),
]);

const entry = z.object({
  fingerprint: text(100),
  incident,
  workflow,
  runId: z.number().int().nonnegative().nullable(),
  runUrl: runUrl.nullable(),
  jobs: z.array(job).max(50),
  count: z.number().int().nonnegative(),
  truncatedAt: z.number().int().nonnegative().nullable(),
  resolved: z.object({ at: z.number(), runId: z.number().int().nonnegative().nullable(), runUrl: runUrl.nullable() }).nullable(),
  fix: fixNote.optional(),
});

const gone = z.object({ workflow, runUrl: runUrl.nullable(), jobs: z.array(job).max(50) });

/** The entries of a sealed state that are of the shape goarch writes; the others are dropped. */
export function validEntries(entries: unknown[]): CommentEntry[] {
  return entries.slice(0, 100).flatMap((e) => {
    const r = entry.safeParse(e);
    return r.success ? [r.data as CommentEntry] : [];
  });
}

/** The gone-logs note of a sealed state, or null when it is not of the shape goarch writes. */
export function validGone(value: unknown): GoneLogs | null {
  const r = gone.safeParse(value);
  return r.success ? r.data : null;
}
