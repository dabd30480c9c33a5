import { VALID_GOARCH } from './go-ports.js';
import { toGoarch } from './to-goarch.js';

/** The GOARCH a misspelt value means, or null when `value` is already valid or unknown. */
export function correctGoarch(value: string): string | null {
  if (VALID_GOARCH.has(value)) return null;
  const g = toGoarch(value);
  return g && g !== value ? g : null;
}
