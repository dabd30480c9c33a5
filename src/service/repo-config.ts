import { z } from 'zod';
import { FAILURE_CLASSES } from '../core/model/index.js';
import type { FailureClass } from '../core/model/index.js';

/** The repository's `.github/goarch.yml`, validated, with defaults filled in. */
export interface RepoConfig {
  enabled: boolean;
  /** Report only these classes; null: all. */
  classes: FailureClass[] | null;
  output: 'comment' | 'check' | 'both';
  /** Workflow names or file paths (`.github/workflows/x.yml`) to leave alone. */
  ignoreWorkflows: string[];
  /** null: the server's MAX_LOG_BYTES. */
  maxLogBytes: number | null;
  /**
   * Fix pull requests (issue 8): `true` opens them after a diagnosis; `'dry-run'` only shows, in the
   * diagnosis, the edit goarch would propose; `false` (default): neither.
   */
  autofix: boolean | 'dry-run';
}

export const REPO_CONFIG_PATH = '.github/goarch.yml';
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const MAX_LOG_BYTES = 1024 ** 3;

const byteSize = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^\s*\d+\s*(b|kb|mb|gb)?\s*$/i, 'must be a number of bytes or a size such as "50MB"')
    .transform((text) => {
      const [, digits = '0', unit = 'b'] = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text) ?? [];
      return Number(digits) * (UNITS[unit.toLowerCase()] ?? 1);
    }),
]);

const schema = z
  .object({
    enabled: z.boolean().default(true),
    classes: z.array(z.enum(FAILURE_CLASSES)).min(1).nullable().default(null),
    output: z.enum(['comment', 'check', 'both']).default('comment'),
    ignoreWorkflows: z.array(z.string().min(1)).default([]),
    maxLogBytes: byteSize.pipe(z.number().min(1024, 'must be at least 1KB').max(MAX_LOG_BYTES, 'must be at most 1GB')).nullable().default(null),
    autofix: z.union([z.boolean(), z.literal('dry-run')]).default(false),
  })
  .strict();

export type RepoConfigResult = { ok: true; config: RepoConfig } | { ok: false; key: string; message: string };

/**
 * Parses the merged content of `.github/goarch.yml` (repository over the organisation's `.github`
 * repository). A mistake names its key, for a check run that tells the user what to fix.
 */
export function parseRepoConfig(value: unknown): RepoConfigResult {
  const input = value === null || value === undefined ? {} : value;
  if (typeof input === 'object' && !Array.isArray(input)) delete (input as Record<string, unknown>)['_extends'];
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue === undefined) return { ok: false, key: '(file)', message: 'is not valid' };
  if (issue.code === 'unrecognized_keys') return { ok: false, key: issue.keys.join(', '), message: `is not a goarch setting (known: ${Object.keys(schema.shape).join(', ')})` };
  const key = issue.path.length === 0 ? '(file)' : issue.path.map(String).join('.');
  return { ok: false, key, message: issue.path.length === 0 ? 'must be a mapping of settings' : issue.message };
}
