import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../support/rules.js';

/** rules/EMITTERS.md is the inventory of who prints what: every shipped rule has its row (`npm run emitters`). */
const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'rules', 'EMITTERS.md'), 'utf8');

describe('the emitter inventory', () => {
  it.each(shippedRules().rules.map((r) => [r.id]))('lists %s in its by-rule table', (id) => {
    expect(doc).toContain(`| \`${id}\` |`);
  });
});
