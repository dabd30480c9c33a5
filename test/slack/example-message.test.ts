import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnoseLog } from '../../src/core/diagnose/diagnose-log.js';
import { incidentMessage } from '../../src/slack/incident-message.js';
import { shippedRules } from '../support/rules.js';
import { blockKitProblems } from './slack-test-kit.js';

/** A log captured in Actions framing by the reproduction lab (real Go, real cross compilers). */
const LOG = 'fixtures/logs/lab/cgo-cross-host-gcc-arm64.log';
const RUN = 'https://github.com/octo-org/octo-repo/actions/runs/123456789';
const EXAMPLES = {
  posted: 'docs/examples/slack-message.json',
  expanded: 'docs/examples/slack-message-expanded.json',
};

/**
 * The README's example message is made by the code that posts it: the fixture log through the scanner,
 * then `incidentMessage` as `chat.postMessage` sends it (collapsed) and as "Show fix commands" shows it.
 * `UPDATE_EXAMPLES=1 npx vitest run test/slack/example-message.test.ts` rewrites the files.
 */
describe('docs/examples/slack-message.json', () => {
  it('is what goarch posts for a real fixture log', async () => {
    const [incident] = (await diagnoseLog(createReadStream(LOG), shippedRules())).incidents;
    expect(incident).toBeDefined();
    if (incident === undefined) return;
    const item = { incident, scope: 'slack:C0123456789', count: 1, link: RUN, run: { owner: 'octo-org', repo: 'octo-repo', runId: 123456789 }, truncatedAt: null };
    const payloads = {
      posted: { channel: 'C0123456789', ...incidentMessage(item, { expanded: false }) },
      expanded: { channel: 'C0123456789', ...incidentMessage(item, { expanded: true }) },
    };
    for (const [name, payload] of Object.entries(payloads) as [keyof typeof EXAMPLES, (typeof payloads)['posted']][]) {
      expect(blockKitProblems(payload.blocks)).toEqual([]);
      const text = `${JSON.stringify(payload, null, 2)}\n`;
      if (process.env['UPDATE_EXAMPLES'] === '1') writeFileSync(EXAMPLES[name], text);
      expect(readFileSync(EXAMPLES[name], 'utf8')).toBe(text);
    }
  });
});
