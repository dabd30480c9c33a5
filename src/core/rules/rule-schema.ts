import { z } from 'zod';
import { FAILURE_CLASSES } from '../model/failure-class.js';

const contextPattern = z
  .object({
    pattern: z.string().min(1),
    within: z.number().int().min(1).max(40).default(30),
    present: z.boolean().default(true),
  })
  .strict();

/** The shape of one YAML file in rules/. Unknown keys are refused so typos do not pass silently. */
export const ruleFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
    class: z.enum(FAILURE_CLASSES),
    title: z.string().min(5).max(200),
    priority: z.number().int().min(0).max(1000).default(50),
    confidence: z.number().min(0).max(1).default(0.8),
    triggers: z.array(z.string().min(3).max(80)).min(1),
    patterns: z.array(z.string().min(1).max(2000)).min(1),
    caseSensitive: z.boolean().default(false),
    context: z
      .object({
        before: z.array(contextPattern).default([]),
        after: z.array(contextPattern).default([]),
      })
      .strict()
      .default({ before: [], after: [] }),
    when: z
      .object({
        cross: z.boolean().optional(),
        docker: z.boolean().optional(),
        cgoOff: z.boolean().optional(),
        sameArch: z.boolean().optional(),
      })
      .strict()
      .default({}),
    facts: z.record(z.string().regex(/^[a-zA-Z]+$/), z.string()).default({}),
    suppresses: z.array(z.enum(FAILURE_CLASSES)).default([]),
    explanation: z.string().min(20),
    examples: z
      .object({
        match: z.array(z.string().min(1)).min(1),
        nomatch: z.array(z.string().min(1)).min(1),
      })
      .strict(),
  })
  .strict();

export type RuleFile = z.infer<typeof ruleFileSchema>;
