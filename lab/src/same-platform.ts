import type { ExpectedPlatform } from './scenario.js';

type Seen = { goos: string | null; goarch: string | null } | null | undefined;

/** True when the diagnosis saw the expected GOOS and GOARCH. */
export function samePlatform(expected: ExpectedPlatform, seen: Seen): boolean {
  return seen?.goos === expected.goos && seen.goarch === expected.goarch;
}
