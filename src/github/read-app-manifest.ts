import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** app.yml at the package root (beside src/ and dist/). */
const APP_YML = new URL('../../app.yml', import.meta.url);

/** The GitHub App manifest from app.yml, or null when the file is absent or not a YAML mapping. */
export function readAppManifest(path: URL | string = APP_YML): Record<string, unknown> | null {
  try {
    const value: unknown = parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
