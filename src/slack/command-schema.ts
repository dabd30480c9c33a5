import { z } from 'zod';

/** The fields of a `/goarch` slash command goarch reads (Slack sends more). */
export const commandSchema = z.object({
  text: z.string().max(100_000),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  trigger_id: z.string().min(1),
  response_url: z.string().url(),
});

export type SlackCommand = z.infer<typeof commandSchema>;
