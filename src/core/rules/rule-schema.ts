import { z } from 'zod';
import { FAILURE_CLASSES } from '../model/failure-class.js';
import { NEAREST_CAUSES } from '../model/nearest-cause.js';

/** A look-alike rule claims lines for a cause that is not an architecture problem. */
export const NOT_ARCHITECTURE = 'not-architecture';

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
    class: z.enum([...FAILURE_CLASSES, NOT_ARCHITECTURE]),
    /** Look-alike rules only: the nearest real cause, and what usually fixes it. */
    cause: z.enum(NEAREST_CAUSES).optional(),
    hint: z.object({ summary: z.string().min(10).max(300), command: z.string().min(1).max(300).optional() }).strict().optional(),
    title: z.string().min(5).max(200),
    priority: z.number().int().min(0).max(1000).default(50),
    confidence: z.number().min(0).max(1).default(0.8),
    triggers: z.array(z.string().min(3).max(80).regex(/^[\x20-\x7e]+$/, 'must be printable ASCII (the trigger search works on bytes)')).min(1),
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
        native: z.boolean().optional(),
        platformShown: z.boolean().optional(),
        hostArch: z.array(z.enum(['386', 'amd64', 'arm', 'arm64', 'ppc64le', 's390x', 'riscv64'])).min(1).optional(),
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
  .strict()
  .superRefine((r, ctx) => {
    const lookalike = r.class === NOT_ARCHITECTURE;
    if (lookalike && r.cause === undefined) ctx.addIssue({ code: 'custom', path: ['cause'], message: 'a not-architecture rule names its cause' });
    if (lookalike && r.hint === undefined) ctx.addIssue({ code: 'custom', path: ['hint'], message: 'a not-architecture rule gives a hint' });
    if (!lookalike && (r.cause !== undefined || r.hint !== undefined)) ctx.addIssue({ code: 'custom', path: [r.cause !== undefined ? 'cause' : 'hint'], message: 'only not-architecture rules have a cause and a hint' });
  });

export type RuleFile = z.infer<typeof ruleFileSchema>;
