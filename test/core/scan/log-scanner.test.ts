import { describe, expect, it } from 'vitest';
import { diagnoseLog, diagnoseText } from '../../../src/core/diagnose/diagnose-log.js';
import { LogScanner } from '../../../src/core/scan/log-scanner.js';
import { shippedRules } from '../../support/rules.js';

const rules = shippedRules();
const ERROR_LINE = 'bash: line 1: ./bin/app: cannot execute binary file: Exec format error';

function bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Splits a buffer into chunks of `size` bytes, to cut lines and UTF-8 sequences anywhere. */
function* chunks(buf: Uint8Array, size: number): Iterable<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('LogScanner', () => {
  it('reports original line numbers whatever the chunk size', async () => {
    const filler = Array.from({ length: 5000 }, (_, i) => `ok line ${i} é`).join('\n');
    const log = bytes(`${filler}\n${ERROR_LINE}\n${filler}\n`);
    for (const size of [1, 7, 64, 4096, 1 << 20]) {
      const d = await diagnoseLog(chunks(log, size), rules);
      expect(d.incidents.map((i) => i.evidence[0]?.line), `chunk size ${size}`).toEqual([5001]);
      expect(d.lines).toBe(10001);
      expect(d.bytes).toBe(log.length);
    }
  });

  it('copes with CRLF, ANSI colours, Actions timestamps and invalid UTF-8', () => {
    const raw = `2024-01-15T10:00:00.0000000Z go version go1.22.0 linux/amd64\r\n2024-01-15T10:00:01.0000000Z \x1b[31m${ERROR_LINE}\x1b[0m\r\n\xff\xfe garbage \u0000\r\n`;
    const d = diagnoseText(raw, rules);
    expect(d.incidents).toHaveLength(1);
    expect(d.incidents[0]?.evidence).toEqual([{ line: 2, text: ERROR_LINE }]);
    expect(d.incidents[0]?.host).toEqual({ goos: 'linux', goarch: 'amd64' });
  });

  it('takes the host OS from a pasted prompt only when the toolchain does not say it', () => {
    // macOS's bash 3.2 prompt, and the Go 1.9 error of fixtures/logs/wild/cgo-disabled/goxjs-gl-22-…
    const session = 'bash-3.2$ GOOS=windows GOARCH=386 go build -o g4.exe g4.go\n../github.com/goxjs/gl/gl_opengl.go:10:2: no buildable Go source files in /p/lorgenome/src/github.com/go-gl/gl/v2.1/gl\n';
    expect(diagnoseText(session, rules).incidents[0]?.host?.goos).toBe('darwin');
    // the same session run in a Linux toolchain (a container on the Mac): go version wins
    expect(diagnoseText(`go version go1.19.8 linux/amd64\n${session}`, rules).incidents[0]?.host).toEqual({ goos: 'linux', goarch: 'amd64' });
  });

  it('finds an error inside a line of several MB without keeping it whole', async () => {
    const long = 'x'.repeat(3 * 1024 * 1024);
    const log = bytes(`first\n${long} ${ERROR_LINE.replace('bash: line 1: ', '')} ${long}\nbash: line 9: ./bin/app: cannot execute binary file: Exec format error\n`);
    const d = await diagnoseLog(chunks(log, 65536), rules);
    expect(d.lines).toBe(3);
    expect(d.incidents[0]?.evidence.map((e) => e.line)).toContain(3);
  });

  it('stops at maxBytes and says so', async () => {
    const log = bytes(`${'a\n'.repeat(1000)}${ERROR_LINE}\n`);
    const d = await diagnoseLog(chunks(log, 100), rules, { maxBytes: 500 });
    expect(d.truncated).toBe(true);
    expect(d.bytes).toBe(500);
    expect(d.incidents).toEqual([]);
  });

  it('survives binary garbage and NUL bytes', async () => {
    const garbage = new Uint8Array(256 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 256;
    const d = await diagnoseLog([garbage, bytes(`\n${ERROR_LINE}\n`)], rules);
    expect(d.incidents.map((i) => i.class)).toEqual(['exec-format-error']);
  });

  it('takes host and target from the Actions step and the runner header', () => {
    const log = [
      '##[group]Runner Image',
      'Image: ubuntu-24.04',
      '##[endgroup]',
      '##[group]Run GOARCH=arm64 go build -o bin/app ./cmd/app && ./bin/app',
      'GOARCH=arm64 go build -o bin/app ./cmd/app && ./bin/app',
      'shell: /usr/bin/bash -e {0}',
      '##[endgroup]',
      'bash: line 1: ./bin/app: cannot execute binary file: Exec format error',
      '##[error]Process completed with exit code 126.',
    ].join('\n');
    const [i] = diagnoseText(log, rules).incidents;
    expect(i?.host).toEqual({ goos: 'linux', goarch: 'amd64' });
    expect(i?.target).toEqual({ goos: 'linux', goarch: 'arm64' });
    expect(i?.failingCommand).toBe('GOARCH=arm64 go build -o bin/app ./cmd/app && ./bin/app');
    // The step smoke-tests an arm64 build: the fix keeps that build and runs it under QEMU (issue 12).
    expect(i?.fix.commands).toEqual(['sudo apt-get update', 'sudo apt-get install -y qemu-user-static', 'GOARCH=arm64 go build -o bin/app ./cmd/app', 'qemu-aarch64-static ./bin/app']);
    expect(i?.alternatives[0]?.commands).toEqual(['GOOS=linux GOARCH=amd64 go build -o bin/app ./cmd/app', './bin/app']);
  });
});

describe('LogScanner: lines that carry no fact', () => {
  it('still reads a BuildKit vertex header it skips without decoding, and ignores a lower-case goarch= path', () => {
    // Real lines: a vertex header (fixtures/logs/public/negative/nextstrain-buildx-arm64-disk-full.log) and
    // `go build -x` output captured with Go 1.19 (an importcfg line).
    const log = ['#165 [linux/arm64 final 22/22] RUN chown nextstrain:nextstrain /nextstrain/build', 'packagefile internal/goarch=$WORK/b006/_pkg_.a', ''].join('\n');
    const scanner = new LogScanner(rules);
    scanner.push(bytes(log));
    const result = scanner.finish();
    expect(result.vertexInfo(165)).toEqual({ platform: 'linux/arm64', instruction: 'RUN chown nextstrain:nextstrain /nextstrain/build' });
    expect(result.final.dockerLine).toBe(1);
    expect(result.final.assigned).toEqual({});
    expect(result.lines).toBe(2);
  });
});
