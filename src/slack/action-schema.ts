import { z } from 'zod';

/** A `block_actions` payload from a button on a goarch message: the fields goarch reads. */
export const actionSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1) }),
  container: z.object({ channel_id: z.string().min(1), message_ts: z.string().min(1) }),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  response_url: z.string().url().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(2000).default('') })).min(1),
});

export type SlackAction = z.infer<typeof actionSchema>;
