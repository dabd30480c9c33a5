import { describe, expect, it } from 'vitest';
import { normalizeLine } from '../../../src/core/log/normalize-line.js';

describe('normalizeLine', () => {
  it.each([
    ['2024-01-15T10:00:00.1234567Z ##[group]Run go build ./...', 'Run go build ./...', 'group', null],
    ['2024-01-15T10:00:00.1234567Z ##[error]Process completed with exit code 1.', 'Process completed with exit code 1.', 'error', null],
    ['\x1b[36;1mGOARCH=arm64 go build\x1b[0m', 'GOARCH=arm64 go build', null, null, true],
    ['#12 0.345 exec /bin/sh: exec format error', 'exec /bin/sh: exec format error', null, 12],
    ['#5 [linux/arm64 2/3] RUN go build', '[linux/arm64 2/3] RUN go build', null, 5],
    ['line with CRLF\r', 'line with CRLF', null, null],
    ['progress 10%\rprogress 100%', 'progress 100%', null, null],
    ['nul\u0000 bytes\u0007 here', 'nul bytes here', null, null],
    ['section_start:1700000000:step_script\r\x1b[0KRunning script', 'Running script', null, null],
    // gh run view --log / --log-failed: JOB<TAB>STEP<TAB> before the raw line
    ['build (arm64)\tRun go test ./...\t2024-01-15T10:00:00.1234567Z ##[group]Run go test ./...', 'Run go test ./...', 'group', null],
    ['test\tSet up job\t2024-01-15T10:00:00.1234567Z Image: ubuntu-24.04', 'Image: ubuntu-24.04', null, null],
    // GitLab's job log timestamps (stream and flags after the time)
    ['2024-03-07T12:34:56.789012Z 00O exec /app: exec format error', 'exec /app: exec format error', null, null],
    ['2024-03-07T12:34:56.789012Z 01E+Running with gitlab-runner 16.9.1', 'Running with gitlab-runner 16.9.1', null, null],
    // Jenkins Timestamper and Buildkite
    ['[2024-01-15T10:00:00.123Z] + GOARCH=arm64 go build ./...', '+ GOARCH=arm64 go build ./...', null, null],
    ['[2024-01-15T10:00:00Z] exec /app: exec format error', 'exec /app: exec format error', null, null],
    ['10:00:00  + ./bin/app --version', '+ ./bin/app --version', null, null],
    // Kubernetes CRI log files
    ['2024-01-15T10:00:00.123456789Z stderr F exec /app: exec format error', 'exec /app: exec format error', null, null],
    // a paste quoted in an issue (lines from fixtures/logs/wild)
    ['> exec /tracee/entrypoint.sh: exec format error', 'exec /tracee/entrypoint.sh: exec format error', null, null],
    ['> > standard_init_linux.go:219: exec user process caused: exec format error', 'standard_init_linux.go:219: exec user process caused: exec format error', null, null],
    // docker compose's service column
    ['web-1  | exec /usr/local/bin/app: exec format error', 'exec /usr/local/bin/app: exec format error', null, null],
    // BuildKit's error recap keeps its " > " (not a quote at the start of the line), and a pipe in a command stays
    [' > [linux/arm64 builder 3/7] RUN go build ./...:', ' > [linux/arm64 builder 3/7] RUN go build ./...:', null, null],
    ['make build | tee build.log', 'make build | tee build.log', null, null],
  ])('%j', (raw, text, marker, vertex, scriptEcho = false) => {
    expect(normalizeLine(raw)).toEqual({ text, marker, vertex, scriptEcho });
  });
});
