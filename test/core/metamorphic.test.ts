import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../src/core/diagnose/diagnose-log.js';
import type { Diagnosis } from '../../src/core/model/incident.js';
import { expectationFiles, isSealedFolder, type Expectation } from '../../scripts/measure-quality.js';
import { shippedRules } from '../support/rules.js';

/**
 * Metamorphic tests: the same log in another shape must give the same answer. Every fixture whose
 * expectations the engine meets (the sealed split excepted) is transformed the ways real logs differ:
 * timestamps removed or added, `gh run view --log-failed` prefixes, CRLF, other CI systems' timestamp
 * prefixes, cut to the lines around the evidence, wrapped at a terminal's width.
 */
const rules = shippedRules();
const ROOT = join(import.meta.dirname, '..', '..', 'fixtures', 'logs');

interface Case {
  name: string;
  text: string;
}

const cases: Case[] = [];
for (const file of expectationFiles(ROOT, isSealedFolder)) {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Expectation>;
  for (const [name, exp] of Object.entries(entries)) {
    if (exp.knownMiss) continue;
    const text = readFileSync(join(file, '..', name), 'utf8');
    const d = diagnoseText(text, rules);
    const got = [...new Set(d.incidents.map((i) => i.class))].sort().join(',');
    if (got !== [...new Set(exp.classes)].sort().join(',')) continue; // a miss: fixture-expectations reports it
    cases.push({ name: join(file, '..', name).slice(ROOT.length + 1), text });
  }
}

/** The log's lines without the fixture's `# ` header (the header is not log text). */
function body(text: string): string[] {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && (lines[i] ?? '').startsWith('# ')) i++;
  return lines.slice(i);
}

const ACTIONS_TS = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z ?/;
const hasTimestamps = (lines: string[]): boolean => lines.filter((l) => ACTIONS_TS.test(l)).length > lines.length / 2;
const stamp = (i: number): string => `2024-05-06T07:08:${String(10 + (i % 50)).padStart(2, '0')}.${String(1000000 + i).slice(1)}0Z`;

const TRANSFORMS: Record<string, (lines: string[]) => string[]> = {
  'Actions timestamps removed': (lines) => lines.map((l) => l.replace(ACTIONS_TS, '')),
  'Actions timestamps added': (lines) => (hasTimestamps(lines) ? lines : lines.map((l, i) => `${stamp(i)} ${l}`)),
  'gh run view --log-failed prefixes': (lines) => (hasTimestamps(lines) ? lines : lines.map((l, i) => `${stamp(i)} ${l}`)).map((l) => `build (linux, arm64)\tRun make build\t${l}`),
  'CRLF line ends': (lines) => lines.map((l) => `${l}\r`),
  'GitLab timestamps': (lines) => lines.map((l, i) => `2024-05-06T07:08:09.${String(100000 + i).slice(1)}0Z 00O ${l.replace(ACTIONS_TS, '')}`),
  'Jenkins timestamps': (lines) => lines.map((l) => `[2024-05-06T07:08:09.123Z] ${l.replace(ACTIONS_TS, '')}`),
  'Kubernetes CRI log prefixes': (lines) => lines.map((l) => `2024-05-06T07:08:09.123456789Z stderr F ${l.replace(ACTIONS_TS, '')}`),
  'quoted in an issue (Markdown "> ")': (lines) => lines.map((l) => `> ${l.replace(ACTIONS_TS, '')}`),
  'docker compose service column': (lines) => lines.map((l) => `builder-1  | ${l.replace(ACTIONS_TS, '')}`),
};

function answer(d: Diagnosis): { classes: string[]; fingerprints: string[] } {
  return { classes: [...new Set(d.incidents.map((i) => i.class))].sort(), fingerprints: d.incidents.map((i) => i.fingerprint).sort() };
}

describe.each(Object.keys(TRANSFORMS))('%s', (transform) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const lines = body(c.text);
    const want = answer(diagnoseText(lines.join('\n'), rules));
    const got = (): ReturnType<typeof answer> => answer(diagnoseText(TRANSFORMS[transform]!(lines).join('\n'), rules));
    // A column of text (gh's job and step, compose's service) stays in the raw width the rejoiner reads.
    if (/log-failed|compose/.test(transform) && CANNOT_KEEP.column?.[c.name]) keeps('column', c.name, () => expect(got()).toEqual(want));
    else if (/timestamps added|prefixes|GitLab|Jenkins|quoted|compose/.test(transform)) keeps('prefix', c.name, () => expect(got()).toEqual(want));
    else expect(got()).toEqual(want);
  });
});

/** Fixtures where a transformation cannot keep the answer, and why (checked: the test fails if one starts to pass). */
const CANNOT_KEEP: Record<string, Record<string, string>> = {
  cut: {
    'wild/cgo-cross-linker/cef2go-14-win7x64-mingw64-32bit-libcef.log': "a skipped library is only a warning until the linker's 'cannot find -l' or 'ld returned 1', and in this paste, every message wrapped over three lines by the Windows console, those come after the 15 lines",
    'public/exec-format-error/lakefs-arm64-image.log': 'the host (aarch64) is known only from uname -a 6 lines above the first error; without it an arm64 image that fails to run reads as a missing emulator',
  },
  // A prefix on every line (timestamps, gh's job and step) splits a message that was already wrapped in the
  // paste: the words of one message no longer follow each other, so no trigger is found. Real logs with
  // prefixes are not terminal pastes; the wrapped paste itself is diagnosed (see wrapped at 80 columns).
  column: {
    'wild/cgo-disabled/fyne-508-goos-windows-mingw-without-cgo-enabled.log': "under gh's or compose's column the shell prompt line (it ends in a space) and the error after it are taken for one wrapped message: the evidence, and so the fingerprint, gains the prompt line",
  },
  prefix: {
    'wild/exec-format-error/wpress-extractor-x64-exe-on-32bit-windows.log': 'the Windows message is wrapped in the paste itself; a prefix on each piece splits its trigger words',
  },
  wrap: {
    'wild/cgo-disabled/xk6-kafka-399-xk6-build-os-darwin-in-docker-undefined.log': "the wrap leaves '/internal/rest_service.go:93:22: undefined: kafka.LibraryVersion' whole on the last piece, which alone reads as a plain compile error (the module path that makes it a cgo binding is on the piece before), and a line that matches is not rejoined",
    'wild/exec-format-error/docker-dev-build-ubuntu-x86-on-cubox-armv7.log': 'uname -a is wrapped too, and context lines are read one physical line at a time: the ARM host is lost, and a legacy build on an unknown host reads as a foreign image without QEMU',
    'wild/cgo-disabled/fathom-121-linux-arm64-release-sqlite-stub.log': "the go-sqlite3 message is already wrapped in the paste (after 'CGO_ENABLED=0',); wrapping again at 80 columns cuts its first piece, and pieces are rejoined only once",
    'lookalikes/script-no-shebang/localstack-helm-init-script-errno-8.log': "the wrap leaves '[Errno 8] Exec format error' whole on one piece and the script's name on the next: the piece alone reads as a binary's error, and a line that matches is not rejoined",
    'public/exec-format-error/lakefs-arm64-image.log': 'uname -a is wrapped too, and context lines are read one physical line at a time: the host is lost (see above)',
    // A wrap inside the long path or URL before the trigger, where the last piece alone already reads as
    // another message: pieces are rejoined only when the last one alone matches nothing.
    'wild/dlopen-arch-mismatch/go-windows-386-builder-test-dll-not-valid-win32.log': 'the last piece alone ("…test.dll: %1 is not a valid Win32 application") reads as an .exe refused, so "Failed to load" on the piece before is not rejoined',
    'wild/unsupported-platform/go-ethereum-ci-lint-download-linux-arm-404.log': 'the download URL is split, so the asset name (linux-arm) is on another piece than the 404',
    'wild/unsupported-platform/golangci-lint-install-sh-darwin-arm64-404.log': 'the download URL is split, so the asset name (darwin-arm64) is on another piece than the 404',
  },
};

function keeps(kind: string, name: string, check: () => void): void {
  const why = CANNOT_KEEP[kind]?.[name];
  if (!why) return check();
  expect(check, why).toThrow();
}

describe('cut to the 15 lines around the evidence', () => {
  // A cut keeps the class: the evidence and what proves the class are within a few lines. It may lose the
  // fingerprint, which holds the target platform: the runner image or `go env` that names it can stand
  // hundreds of lines away, and a paste of 15 lines does not know it.
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const lines = body(c.text);
    const full = diagnoseText(lines.join('\n'), rules);
    keeps('cut', c.name, () => {
      for (const incident of full.incidents) {
        const at = (incident.evidence[0]?.line ?? 1) - 1;
        const excerpt = lines.slice(Math.max(0, at - 7), at + 8).join('\n');
        const cut = diagnoseText(excerpt, rules);
        expect(cut.incidents.map((i) => i.class), `cut around line ${at + 1}`).toContain(incident.class);
      }
    });
  });
});

describe('wrapped at 80 columns', () => {
  // A terminal wraps every long line; the answer must not change. A terminal never shows the runner's raw
  // timestamps, so the log is wrapped as a terminal shows it: without them.
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const lines = body(c.text).map((l) => l.replace(ACTIONS_TS, ''));
    const want = answer(diagnoseText(lines.join('\n'), rules));
    const wrapped = lines.flatMap((l) => (l.length <= 80 ? [l] : (l.match(/.{1,80}/gu) ?? [l])));
    keeps('wrap', c.name, () => expect(answer(diagnoseText(wrapped.join('\n'), rules)).classes).toEqual(want.classes));
  });
});
