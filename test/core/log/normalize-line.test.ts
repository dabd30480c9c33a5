import { describe, expect, it } from 'vitest';
import { normalizeLine } from '../../../src/core/log/normalize-line.js';

describe('normalizeLine', () => {
  it.each([
    ['2024-01-15T10:00:00.1234567Z ##[group]Run go build ./...', 'Run go build ./...', 'group', null],
    ['2024-01-15T10:00:00.1234567Z ##[error]Process completed with exit code 1.', 'Process completed with exit code 1.', 'error', null],
    ['\x1b[36;1mGOARCH=arm64 go build\x1b[0m', 'GOARCH=arm64 go build', null, null],
    ['#12 0.345 exec /bin/sh: exec format error', 'exec /bin/sh: exec format error', null, 12],
    ['#5 [linux/arm64 2/3] RUN go build', '[linux/arm64 2/3] RUN go build', null, 5],
    ['line with CRLF\r', 'line with CRLF', null, null],
    ['progress 10%\rprogress 100%', 'progress 100%', null, null],
    ['nul\u0000 bytes\u0007 here', 'nul bytes here', null, null],
    ['section_start:1700000000:step_script\r\x1b[0KRunning script', 'Running script', null, null],
  ])('%j', (raw, text, marker, vertex) => {
    expect(normalizeLine(raw)).toEqual({ text, marker, vertex });
  });
});
