import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../../src/core/diagnose/diagnose-log.js';
import { renderMarkdown } from '../../../src/core/render/render-markdown.js';
import { SLACK_MAX_BLOCKS, SLACK_MAX_TEXT, renderSlackBlocks } from '../../../src/core/render/render-slack-blocks.js';
import { renderText } from '../../../src/core/render/render-text.js';
import { renderJson } from '../../../src/core/render/render-json.js';
import type { Diagnosis } from '../../../src/core/model/incident.js';
import { shippedRules } from '../../support/rules.js';

const rules = shippedRules();
const hostile = [
  'go version go1.22.1 linux/amd64',
  '+ GOARCH=arm64 go build -o "bin/<img src=x onerror=alert(1)>" . && ./bin/app',
  'bash: line 1: ./bin/app```@everyone[x](https//evil)<script>: cannot execute binary file: Exec format error',
].join('\n');

describe('renderers', () => {
  const d = diagnoseText(hostile, rules);

  it('one incident to render', () => {
    expect(d.incidents).toHaveLength(1);
  });

  it('Markdown does not let log text inject HTML, mentions or fences', () => {
    const md = renderMarkdown(d);
    // Code spans and fenced blocks show text literally; everywhere else, log text must not become HTML or a mention.
    const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/`[^`\n]*`/g, '');
    expect(prose).not.toMatch(/<script|<img/);
    expect(prose).not.toContain('@everyone');
    // Every fence that opens also closes: an even number of fence lines.
    const fences = md.split('\n').filter((l) => /^`{3,}/.test(l));
    expect(fences.length % 2).toBe(0);
  });

  it('Slack blocks stay within Block Kit limits and escape control characters', () => {
    const many: Diagnosis = { ...d, incidents: Array.from({ length: 30 }, () => d.incidents[0]!).map((i) => ({ ...i, fix: { ...i.fix, commands: Array.from({ length: 200 }, (_, k) => `echo ${'x'.repeat(50)} ${k}`) } })) };
    const { blocks } = renderSlackBlocks(many);
    expect(blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
    for (const b of blocks) {
      const text = (b.text as { text?: string } | undefined)?.text;
      if (text) expect(text.length).toBeLessThanOrEqual(SLACK_MAX_TEXT);
    }
    const json = JSON.stringify(renderSlackBlocks(d));
    expect(json).not.toContain('<script>');
  });

  it('text and JSON carry the contract fields', () => {
    expect(renderText(d)).toContain('exec-format-error');
    const j = JSON.parse(renderJson(d)) as { incidents: Array<Record<string, unknown>>; lines: number; bytes: number };
    expect(Object.keys(j.incidents[0] ?? {})).toEqual(expect.arrayContaining(['class', 'title', 'fingerprint', 'confidence', 'evidence', 'host', 'target', 'failingCommand', 'fix']));
    expect(j.lines).toBe(3);
  });

  it('says so when there is nothing to report', () => {
    const empty = diagnoseText('all good\n', rules);
    expect(renderText(empty)).toMatch(/^No CPU-architecture problem found/);
    expect(renderMarkdown(empty)).toContain('no CPU-architecture problem');
  });
});
