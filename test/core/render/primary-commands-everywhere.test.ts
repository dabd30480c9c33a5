import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnoseLog } from '../../../src/core/diagnose/diagnose-log.js';
import { renderMarkdown } from '../../../src/core/render/render-markdown.js';
import { renderSlackBlocks } from '../../../src/core/render/render-slack-blocks.js';
import { renderText } from '../../../src/core/render/render-text.js';
import { shippedRules } from '../../support/rules.js';

const LOGS = ['fixtures/logs/lab/cgo-cross-amd64-zlib.log', 'fixtures/logs/lab/exec-arm64-bash.log', 'fixtures/logs/lab/dlopen-arm64-plugin.log'];

function slackText(blocks: Array<Record<string, unknown>>): string {
  const texts = blocks.map((b) => ((b['text'] as { text?: string } | undefined)?.text ?? ''));
  return texts.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('every channel shows the primary fix commands verbatim', () => {
  it.each(LOGS)('%s', async (path) => {
    const d = await diagnoseLog(createReadStream(path), shippedRules());
    expect(d.incidents.length).toBeGreaterThan(0);
    const text = renderText(d);
    // The PR comment and the check run summary are renderMarkdown's output (src/service/render-pr-comment.ts).
    const markdown = renderMarkdown(d);
    // The message as first posted, before anyone presses "Show alternatives".
    const slack = slackText(renderSlackBlocks(d, { showAlternatives: false }).blocks);
    for (const i of d.incidents) {
      for (const cmd of i.fix.commands) {
        expect(text, 'CLI').toContain(cmd);
        expect(markdown, 'PR comment and check run').toContain(cmd);
        expect(slack, 'Slack message').toContain(cmd);
      }
      const lines = new Set(slack.split('\n').map((l) => l.replace(/```/g, '')));
      for (const a of i.alternatives) for (const cmd of a.commands) if (!i.fix.commands.includes(cmd)) expect(lines.has(cmd), `alternative shown: ${cmd}`).toBe(false);
    }
  });
});
