import { describe, expect, it } from 'vitest';
import { parseGoarchText } from '../../src/slack/parse-goarch-text.js';

const URL = 'https://github.com/o/r/actions/runs/1';

describe('parseGoarchText', () => {
  it.each([
    ['', { kind: 'help', unknown: null }],
    ['help', { kind: 'help', unknown: null }],
    ['  HELP ', { kind: 'help', unknown: null }],
    ['deploy now', { kind: 'help', unknown: 'deploy' }],
    ['stats', { kind: 'stats' }],
    ['diagnose', { kind: 'diagnose-empty' }],
    [`diagnose ${URL}`, { kind: 'diagnose-url', url: URL }],
    [`diagnose <${URL}>`, { kind: 'diagnose-url', url: URL }],
    [`diagnose <${URL}|run 1>`, { kind: 'diagnose-url', url: URL }],
    [`diagnose \`${URL}\``, { kind: 'diagnose-url', url: URL }],
    [`<@UBOT> diagnose <${URL}>`, { kind: 'diagnose-url', url: URL }],
    [`<@UBOT> <@UOTHER> stats`, { kind: 'stats' }],
    ['diagnose https://example.com/x?a=1&amp;b=2', { kind: 'diagnose-url', url: 'https://example.com/x?a=1&b=2' }],
    ['diagnose exec format error', { kind: 'diagnose-text', text: 'exec format error' }],
    ['diagnose ```\n/bin/sh: ./app: cannot execute binary file: Exec format error\n```', { kind: 'diagnose-text', text: '/bin/sh: ./app: cannot execute binary file: Exec format error' }],
    ['diagnose gcc: error: unrecognized option &lt;-m64&gt; &amp;&amp; exit', { kind: 'diagnose-text', text: 'gcc: error: unrecognized option <-m64> && exit' }],
    [`diagnose see ${URL} for details`, { kind: 'diagnose-text', text: `see ${URL} for details` }],
  ])('reads %j', (text, expected) => {
    expect(parseGoarchText(text)).toEqual(expected);
  });
});
