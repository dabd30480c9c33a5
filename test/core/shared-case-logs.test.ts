import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../src/core/diagnose/diagnose-log.js';
import { shippedRules } from '../support/rules.js';

// The failure excerpts of ../shared/workflows/cases.json (real toolchain wording, framed as Actions steps)
// must be diagnosed as the class their scenario names. The folder is provided beside the checkout; on a
// bare clone the suite is skipped, loudly.
const CASES = join(import.meta.dirname, '..', '..', '..', 'shared', 'workflows', 'cases.json');
const present = existsSync(CASES);
if (!present) console.warn(`*** SKIPPED: ${CASES} is absent, so the shared workflow cases' logs are not checked ***`);

const CLASS_OF: Record<string, string> = {
  'add-qemu': 'qemu-binfmt-missing',
  'cgo-cross-cc': 'cgo-cross-linker',
  'cgo-enable': 'cgo-disabled',
  'goarch-spelling': 'unsupported-platform',
  'native-runner': 'exec-format-error',
};

interface Case {
  file: string;
  scenario: string;
  log: string;
}

describe.skipIf(!present)('shared workflow cases: their logs', () => {
  const cases = present ? (JSON.parse(readFileSync(CASES, 'utf8')) as Case[]) : [];
  it.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const d = diagnoseText(c.log, shippedRules());
    expect(d.incidents[0]?.class).toBe(CLASS_OF[c.scenario]);
    expect(d.incidents[0]?.fix.commands.length).toBeGreaterThan(0);
  });
});
