import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseLog } from '../../src/core/diagnose/diagnose-log.js';
import type { Incident } from '../../src/core/model/index.js';
import type { ChannelIncident } from '../../src/service/channel-output.js';
import { incidentMessage } from '../../src/slack/incident-message.js';
import { shippedRules } from '../support/rules.js';
import { blockKitProblems } from './slack-test-kit.js';

function logsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? logsUnder(path) : name.endsWith('.log') ? [path] : [];
  });
}

const FIXTURES = [...logsUnder('fixtures/logs/public'), ...logsUnder('fixtures/logs/lab')];

async function incidentsOf(path: string): Promise<Incident[]> {
  return (await diagnoseLog(createReadStream(path), shippedRules())).incidents;
}

function item(incident: Incident, overrides: Partial<ChannelIncident> = {}): ChannelIncident {
  return { incident, scope: 'slack:C1', count: 1, link: 'https://github.com/o/r/actions/runs/1', run: { owner: 'o', repo: 'r', runId: 1 }, truncatedAt: null, ...overrides };
}

describe('incidentMessage: Block Kit within Slack\'s limits', () => {
  it(`fits every incident of every fixture log (${FIXTURES.length} logs), collapsed and expanded, buttons last`, async () => {
    let checked = 0;
    for (const path of FIXTURES) {
      for (const incident of await incidentsOf(path)) {
        for (const expanded of [false, true]) {
          const message = incidentMessage(item(incident), { expanded });
          expect({ path, expanded, problems: blockKitProblems(message.blocks) }).toEqual({ path, expanded, problems: [] });
          expect(message.blocks.at(-1)?.['type']).toBe('actions');
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('escapes the top-level text: no <!channel>, mention or link from a log (issue 13, hole 7)', async () => {
    const [real] = await incidentsOf('fixtures/logs/public/cgo-cross-linker/gdu-pi5-marm.log');
    const hostile = { ...(real as Incident), title: '<!channel> <@U0ADMIN> <https://evil.example|your build>', fix: { ...(real as Incident).fix, summary: '<!here> & more' } };
    const message = incidentMessage(item(hostile, {}), { expanded: false });
    expect(message.text).not.toMatch(/<[!@h]/);
    expect(message.text).toContain('&lt;!channel&gt; &lt;@U0ADMIN&gt;');
  });

  it('cuts a huge diagnosis to 50 blocks, splits code at line boundaries, and keeps the buttons', async () => {
    const [real] = await incidentsOf('fixtures/logs/public/cgo-cross-linker/gdu-pi5-marm.log');
    expect(real).toBeDefined();
    const base = real as Incident;
    const long = (i: number) => `CC=aarch64-linux-gnu-gcc CGO_ENABLED=1 GOARCH=arm64 go build -o bin/app-${i} ./cmd/app ${'-tags netgo '.repeat(20)}<&>`;
    const huge: Incident = {
      ...base,
      title: `${base.title} ${'x'.repeat(400)}`,
      evidence: Array.from({ length: 60 }, (_, i) => ({ line: i + 1, text: `${'y'.repeat(600)} \`backtick\` <tag>` })),
      fix: { ...base.fix, commands: Array.from({ length: 400 }, (_, i) => long(i)) },
      alternatives: Array.from({ length: 5 }, (_, k) => ({ summary: `alternative ${k}`, when: 'sometimes', commands: Array.from({ length: 300 }, (_, i) => long(i)) })),
    };
    for (const expanded of [false, true]) {
      const message = incidentMessage(item(huge, { count: 12345, truncatedAt: 104_857_600 }), { expanded });
      expect(blockKitProblems(message.blocks)).toEqual([]);
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      const header = message.blocks[0] as { text: { text: string } };
      expect(header.text.text.endsWith(' (seen 12345 times)')).toBe(true);
      expect(header.text.text.length).toBeLessThanOrEqual(150);
      const actions = message.blocks.at(-1) as { type: string; elements: { action_id: string }[] };
      expect(actions.type).toBe('actions');
      expect(actions.elements.map((e) => e.action_id)).toEqual(expanded ? ['goarch_mute', 'goarch_open_fix_pr'] : ['goarch_show_fix', 'goarch_mute', 'goarch_open_fix_pr']);
      expect(message.text.length).toBeLessThanOrEqual(3000);
    }
    // Expanded, every code section holds whole command lines, escaped for mrkdwn.
    const expanded = incidentMessage(item(huge), { expanded: true });
    const code = expanded.blocks.map((b) => (b as { text?: { text: string } }).text?.text ?? '').filter((t) => t.startsWith('```'));
    expect(code.length).toBeGreaterThan(3);
    for (const text of code) {
      for (const line of text.replace(/^```|```$/g, '').split('\n')) expect(line).toMatch(/^CC=aarch64-linux-gnu-gcc .* &lt;&amp;&gt;$/);
    }
    expect(JSON.stringify(expanded.blocks)).toContain('The diagnosis was cut to fit a Slack message');
  });

  it('leaves out "Open fix PR" when the incident did not come from a run', async () => {
    const [incident] = await incidentsOf('fixtures/logs/lab/exec-arm64-go-test.log');
    const message = incidentMessage(item(incident as Incident, { run: null, link: null }), { expanded: false });
    const actions = message.blocks.at(-1) as { elements: { action_id: string; value: string }[] };
    expect(actions.elements.map((e) => e.action_id)).toEqual(['goarch_show_fix', 'goarch_mute']);
    expect(JSON.parse(actions.elements[0]?.value ?? '')).toEqual({ s: 'slack:C1', f: (incident as Incident).fingerprint });
  });
});
