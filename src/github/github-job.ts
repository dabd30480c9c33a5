import { z } from 'zod';
import { FAILURE_CLASSES } from '../core/model/index.js';
import type { Incident } from '../core/model/index.js';

const target = {
  installationId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
};
const run = {
  ...target,
  runId: z.number().int().positive(),
  runUrl: z.string().nullable(),
  /** Workflow id as a string, or `check:<name>` for another app's check run. */
  workflowId: z.string().min(1),
  workflowName: z.string(),
  workflowPath: z.string().nullable(),
  headSha: z.string().min(1),
  pullRequests: z.array(z.number().int().positive()),
  /** Set when the run's head is in another repository (a fork): its pull requests are looked up by head commit. */
  fork: z.object({ owner: z.string().min(1), branch: z.string().min(1) }).nullable().default(null),
};

/** An incident carried by a fix job (JSON from the queue): its identity is checked, the rest is the engine's own output. */
const incident = z
  .object({ fingerprint: z.string().min(1), class: z.enum(FAILURE_CLASSES), title: z.string(), evidence: z.array(z.unknown()), facts: z.record(z.string(), z.string()) })
  .passthrough()
  .transform((value) => value as unknown as Incident);

/** The jobs the webhook handlers enqueue and `githubJobHandler` runs. Parsed again when taken (the queue stores JSON). */
export const githubJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('diagnose-run'), ...run }),
  z.object({ kind: z.literal('resolve-run'), ...run }),
  z.object({
    kind: z.literal('diagnose-check'),
    ...target,
    checkRunId: z.number().int().positive(),
    name: z.string(),
    url: z.string(),
    headSha: z.string().min(1),
    pullRequests: z.array(z.number().int().positive()),
    text: z.string(),
  }),
  z.object({ kind: z.literal('diagnose-pr'), ...target, pullRequest: z.number().int().positive() }),
  z.object({ kind: z.literal('reply-help'), ...target, pullRequest: z.number().int().positive() }),
  /** `autofix: true`: open or update the fix pull request of one incident of a diagnosed run. */
  z.object({ kind: z.literal('open-fix-pr'), ...run, workflowPath: z.string().min(1), incident }),
  /** `/goarch fix` on a pull request, by `user` (their permission is checked when the job runs). */
  z.object({ kind: z.literal('fix-pr-comment'), ...target, pullRequest: z.number().int().positive(), user: z.string().min(1) }),
]);

export type GithubJob = z.infer<typeof githubJobSchema>;

/** The job kinds (queue job names) the GitHub adapter enqueues and registers a handler for. */
export const GITHUB_JOB_KINDS: readonly GithubJob['kind'][] = githubJobSchema.options.map((option) => option.shape.kind.value);
