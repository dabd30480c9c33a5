import { z } from 'zod';

/** What a diagnosis button carries (at most 2000 characters): the incident's scope and fingerprint, and its run for a fix PR. */
export const buttonValueSchema = z
  .object({
    s: z.string().regex(/^slack:[A-Z0-9]{2,30}$/),
    f: z.string().min(1).max(200),
    r: z
      .object({ o: z.string().min(1).max(100), n: z.string().min(1).max(100), id: z.number().int().positive() })
      .optional(),
  })
  .strict();

export type ButtonValue = z.infer<typeof buttonValueSchema>;
