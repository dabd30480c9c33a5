import { z } from 'zod';

const platform = z.object({ goos: z.string().nullable(), goarch: z.string().nullable() }).nullable();

/** The part of `goarch diagnose --json` the lab relies on; everything else may change freely. */
export const diagnosisOutputSchema = z.object({
  incidents: z.array(
    z.object({
      class: z.string(),
      host: platform.optional(),
      target: platform.optional(),
      fix: z.object({ summary: z.string().optional(), commands: z.array(z.string()) }),
    }),
  ),
});

export type DiagnosisOutput = z.infer<typeof diagnosisOutputSchema>;
