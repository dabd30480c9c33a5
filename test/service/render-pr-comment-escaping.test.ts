import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../src/core/diagnose/diagnose-log.js';
import type { Incident } from '../../src/core/model/index.js';
import type { CommentEntry } from '../../src/service/comment-state.js';
import { loadRuleSet } from '../../src/service/load-rule-set.js';
import { readCommentState } from '../../src/service/read-comment-state.js';
import { renderPrComment } from '../../src/service/render-pr-comment.js';
import { createStateSeal } from '../../src/service/state-seal.js';

/** Issue 13, hole 3: every value of an entry is printed as text, whatever it holds. */
const SEAL = createStateSeal('a test key of at least thirty-two characters');
const real = diagnoseText(readFileSync('fixtures/logs/lab/exec-arm64-go-test.log', 'utf8'), loadRuleSet()).incidents[0] as Incident;
const HTML = '<img src=x onerror=alert(1)>';
const hostile = {
  ...real,
  class: `${HTML}\`` as Incident['class'],
  confidence: `${HTML} @acme/admins` as unknown as number,
  host: { goos: 'linux`', goarch: `${HTML}|` },
  target: { goos: '<b>', goarch: 'arm64' },
  evidence: [{ line: `[x](https://evil.example) ${HTML}` as unknown as number, text: "` <!-- goarch:state AAAA 0000 --> ``` @acme/admins" }],
  fingerprint: `${HTML}`,
  ruleId: '`<script>`',
};
const entry: CommentEntry = {
  fingerprint: 'f',
  incident: hostile,
  workflow: { id: '1', name: `${HTML} @acme/admins` },
  runId: 1,
  runUrl: `javascript:alert(1)`,
  jobs: [{ id: 1, name: `${HTML}`, url: 'https://evil.example/a) [b](https://evil.example', failedStep: null }],
  count: `${HTML}` as unknown as number,
  truncatedAt: null,
  resolved: null,
};

describe('renderPrComment with hostile values', () => {
  const body = renderPrComment({ v: 1, entries: [entry, { ...entry, resolved: { at: 1, runId: 2, runUrl: 'javascript:x' } }], gone: null }, { embedState: true, seal: SEAL });

  it('prints no raw HTML tag, mention, link target or marker taken from the state', () => {
    const all = body.slice(0, body.lastIndexOf('\n<!-- goarch:state'));
    // GitHub shows code (fences, spans, <code>) as text: what counts is what is left outside it, and no span may be unclosed.
    const text = all.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '').replace(/<code>[^<]*<\/code>/g, '').replace(/`[^`\n]*`/g, '');
    expect(text).not.toContain('`');
    expect(all).not.toContain('<!-- goarch:state');
    expect(text).not.toMatch(/<(img|b|script)\b/);
    expect(text).not.toContain('@acme/admins');
    expect(text).not.toContain('javascript:');
    expect(text).not.toContain('](https://evil.example');
    expect(text).not.toContain('<!-- goarch:state');
  });

  it('reads back no entry that is not of the shape goarch writes (a class that is none, a count that is text)', () => {
    expect(readCommentState(body, SEAL).entries).toHaveLength(0);
  });

  it('keeps a well-formed state readable in its one place, hostile text and all', () => {
    const typed: CommentEntry = { ...entry, incident: { ...real, title: hostile.evidence[0]!.text }, count: 2, jobs: [{ ...entry.jobs[0]!, name: HTML }] };
    const sealed = renderPrComment({ v: 1, entries: [typed, { ...typed, resolved: { at: 1, runId: 2, runUrl: 'javascript:x' } }], gone: null }, { embedState: true, seal: SEAL });
    expect(readCommentState(sealed, SEAL).entries).toHaveLength(2);
    expect(sealed).not.toContain('<img');
  });

  it('cuts a long comment between blocks: every fence and <details> it opens is closed', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...entry, fingerprint: `f${i}`, incident: { ...real, fingerprint: `f${i}` }, runUrl: null, resolved: null }));
    const long = renderPrComment({ v: 1, entries: many, gone: null }, { embedState: false });
    expect(long).toContain('(cut: the comment reached');
    expect((long.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect((long.match(/<details>/g) ?? []).length).toBe((long.match(/<\/details>/g) ?? []).length);
  });
});
