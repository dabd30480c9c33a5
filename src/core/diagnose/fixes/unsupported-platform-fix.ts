import { VALID_GOARCH, VALID_GOOS, toGoarch } from '../../platform/index.js';
import type { FixContext, FixStrategy } from '../fix-context.js';
import { plan } from './fix-helpers.js';

/** A GOOS/GOARCH pair or spelling that the toolchain (or a tool) does not support. */
export const unsupportedPlatformFix: FixStrategy = {
  class: 'unsupported-platform',
  build(ctx: FixContext) {
    const badArch = ctx.facts.goarch ?? null;
    const badOs = ctx.facts.goos ?? null;
    const archFix = badArch && !VALID_GOARCH.has(badArch) ? toGoarch(badArch) : null;
    const osFix = badOs && !VALID_GOOS.has(badOs) ? osSpelling(badOs) : null;
    const dist = `go tool dist list | grep -E '^${badOs && VALID_GOOS.has(badOs) ? badOs : '[a-z0-9]+'}/'`;
    if (archFix || osFix) {
      const env: Record<string, string> = {};
      if (archFix) env.GOARCH = archFix;
      if (osFix) env.GOOS = osFix;
      const cmd = rewrite(ctx, env);
      const what = [archFix && `GOARCH=${archFix} (not ${badArch})`, osFix && `GOOS=${osFix} (not ${badOs})`].filter(Boolean).join(' and ');
      return {
        fix: plan(`Use Go's name for the platform: ${what}. \`go tool dist list\` prints every valid pair.`, [cmd]),
        alternatives: [plan('List the platforms this Go toolchain supports.', [dist], 'to check other matrix entries')],
      };
    }
    return {
      fix: plan(
        `${badOs && badArch ? `${badOs}/${badArch}` : 'This platform'} is not supported by this toolchain or tool: drop it from the build matrix, or move to a version that supports it.`,
        [dist, 'go version'],
      ),
      alternatives: [plan('Check the release notes of the tool or Go version for when the platform was added or removed.', ['go version'], 'when the platform should be supported')],
    };
  },
};

function osSpelling(os: string): string | null {
  const m: Record<string, string> = { macos: 'darwin', osx: 'darwin', mac: 'darwin', win: 'windows', win32: 'windows', win64: 'windows' };
  return m[os.toLowerCase()] ?? null;
}

/** The failing command with GOOS/GOARCH respelt, keeping everything else. */
function rewrite(ctx: FixContext, env: Record<string, string>): string {
  let cmd = ctx.failingCommand ?? ctx.goCommand ?? 'go build ./...';
  let replaced = false;
  for (const [k, v] of Object.entries(env)) {
    const re = new RegExp(`\\b${k}=("|')?[^\\s"';&|]*\\1?`);
    if (re.test(cmd)) {
      cmd = cmd.replace(re, `${k}=${v}`);
      replaced = true;
    }
  }
  if (!replaced) cmd = `${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')} ${cmd.replace(/^((?:\S+=\S*\s+)*)/, '')}`;
  return cmd;
}
