import { describe, expect, it } from 'vitest';
import { GhLogContext, isGhLog } from '../../src/cli/gh-log-context.js';

const TS = '2024-05-06T07:08:09.1234567Z';
const LINES = [
  `build (linux, arm64)\tSet up job\t\uFEFF${TS} Current runner version: '2.317.0'`,
  `build (linux, arm64)\tSet up job\t${TS} Image: ubuntu-24.04`,
  `build (linux, arm64)\tRun make build\t${TS} ##[group]Run make build`,
  `build (linux, arm64)\tRun make build\t${TS} ${'x'.repeat(2000)}`,
  `lint\tUNKNOWN STEP\t${TS} golangci-lint run`,
  `lint\tUNKNOWN STEP\t${TS} done`,
];
const text = `${LINES.join('\n')}\n`;

async function track(chunkSize: number): Promise<GhLogContext> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const context = new GhLogContext();
  let out = 0;
  for await (const c of context.wrap((async function* () { yield* chunks; })())) out += c.length;
  expect(out).toBe(bytes.length);
  return context;
}

describe('GhLogContext', () => {
  it('recognises gh run view output by its first line', () => {
    expect(isGhLog(Buffer.from(text))).toBe(true);
    expect(isGhLog(Buffer.from(`${TS} go build ./...\n`))).toBe(false);
    expect(isGhLog(Buffer.from('a\tb\tc\n'))).toBe(false);
  });

  it.each([1, 3, 7, 64, 1 << 20])('knows the job and step of every line, read in chunks of %i bytes', async (size) => {
    const c = await track(size);
    expect([1, 2, 3, 4, 5, 6].map((line) => c.at(line))).toEqual([
      { job: 'build (linux, arm64)', step: 'Set up job' },
      { job: 'build (linux, arm64)', step: 'Set up job' },
      { job: 'build (linux, arm64)', step: 'Run make build' },
      { job: 'build (linux, arm64)', step: 'Run make build' },
      { job: 'lint', step: null },
      { job: 'lint', step: null },
    ]);
  });
});
