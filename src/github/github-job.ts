import { z } from 'zod';

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
};

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
]);

export type GithubJob = z.infer<typeof githubJobSchema>;
