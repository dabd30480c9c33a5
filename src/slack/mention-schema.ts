import { z } from 'zod';

const file = z.object({
  id: z.string().min(1),
  name: z.string().default('file'),
  size: z.number().int().nonnegative().nullable().default(null),
  mimetype: z.string().nullable().default(null),
  url_private_download: z.string().url().optional(),
  url_private: z.string().url().optional(),
});

/** An `app_mention` event callback: the fields goarch reads. */
export const mentionSchema = z.object({
  event_id: z.string().min(1),
  event: z.object({
    type: z.literal('app_mention'),
    text: z.string().default(''),
    user: z.string().min(1),
    channel: z.string().min(1),
    ts: z.string().min(1),
    thread_ts: z.string().optional(),
    files: z.array(file).default([]),
  }),
});

export type SlackMention = z.infer<typeof mentionSchema>;
