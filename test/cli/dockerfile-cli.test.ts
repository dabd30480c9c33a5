import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * There is no Docker engine here: Dockerfile.cli is checked by reading it. The build stage must only copy
 * what exists and what .dockerignore lets through; the final stage must run the CLI as a non-root user,
 * with nothing but the unpacked dependency-free package (no npm install, no node_modules, no sources).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const text = readFileSync(join(ROOT, 'Dockerfile.cli'), 'utf8');
const instructions = text
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const stages: string[][] = [];
for (const line of instructions) {
  if (/^FROM /i.test(line)) stages.push([]);
  stages.at(-1)?.push(line);
}
const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('!'));

describe('Dockerfile.cli', () => {
  it('has a build stage and a runtime stage', () => {
    expect(stages.map((s) => s[0])).toEqual(['FROM node:20-slim AS build', 'FROM node:20-slim AS runtime']);
  });

  it('copies into the build stage only paths that exist and that .dockerignore does not drop', () => {
    const sources = stages[0]!.filter((l) => /^COPY /.test(l)).flatMap((l) => l.split(/\s+/).slice(1, -1));
    expect(sources.length).toBeGreaterThan(3);
    for (const src of sources) {
      expect(existsSync(join(ROOT, src)), src).toBe(true);
      expect(ignored.filter((pattern) => src === pattern || src.startsWith(`${pattern}/`)), src).toEqual([]);
    }
  });

  it('builds the same package as npm run pack:cli', () => {
    expect(stages[0]!.join('\n')).toContain('node scripts/pack-cli.mjs --out /pack');
  });

  it('runs the CLI as the non-root user, with the package alone', () => {
    const runtime = stages[1]!;
    expect(runtime).toContain('USER node');
    expect(runtime.indexOf('USER node')).toBeLessThan(runtime.findIndex((l) => l.startsWith('ENTRYPOINT')));
    expect(runtime).toContain('ENTRYPOINT ["node", "/opt/goarch/dist/cli.js"]');
    expect(runtime.filter((l) => /^RUN /.test(l))).toEqual([]);
    expect(runtime.filter((l) => /^COPY /.test(l))).toEqual(['COPY --from=build /opt/goarch /opt/goarch']);
  });

  it('is documented with the docker run line of the issue', () => {
    expect(text).toContain('docker run --rm -i goarch-cli diagnose - < build.log');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('docker run --rm -i goarch-cli diagnose - < build.log');
  });
});
