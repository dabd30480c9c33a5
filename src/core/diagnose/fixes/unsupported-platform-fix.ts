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
    // An install script or a tool's own download with no build for this machine: nothing of the user's is built with
    // GOARCH, so respelling it would change nothing; the user's command is not a go build.
    const cmd = ctx.failingCommand ?? null;
    const installs = cmd !== null && INSTALLER.test(cmd) && !GO_BUILD.test(cmd) && ctx.step?.env.GOARCH === undefined;
    // (a misspelt GOARCH the Go toolchain itself reported is respelt below, whatever runs the build)
    const assets = !!(ctx.facts.assetArch ?? ctx.facts.assetOs ?? ctx.facts.arch2 ?? ctx.facts.arch3);
    const toolchainSaid = GO_TOOLCHAIN_WORDS.test(ctx.evidenceText);
    const download = !toolchainSaid && ((assets && !(cmd !== null && GO_BUILD.test(cmd))) || installs);
    if (download) {
      const machine = badOs && badArch ? `${badOs}/${badArch}` : badArch ?? 'this machine';
      return {
        fix: plan(
          `The tool publishes no build for ${machine}: install a release that has one, build it from source for this machine (go install MODULE@VERSION for a Go tool), or run it on a machine it supports.`,
          ['uname -sm'],
        ),
        alternatives: [plan('Check the release notes of the tool for when the platform was added or removed.', ['go version'], 'when the platform should be supported')],
      };
    }
    if (archFix || osFix) {
      const env: Record<string, string> = {};
      if (archFix) env.GOARCH = archFix;
      if (osFix) env.GOOS = osFix;
      const cmd = respellVariable(ctx, badArch, archFix, badOs, osFix) ?? rewrite(ctx, env);
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

/** A command that builds with Go's platform variables: a go command, a build driver, or one that sets GOOS/GOARCH. */
const GO_BUILD = /\bgo (?:build|install|test|run|vet|generate|tool dist)\b|\bGO(?:OS|ARCH)=|goreleaser|\bgox\b|\bxgo\b|\bmake\b|\bbazel(?:isk)?\b/;

/** Words only the Go toolchain prints about a platform it does not know (then GOOS/GOARCH are respelt). */
const GO_TOOLCHAIN_WORDS = /unsupported GOOS\/GOARCH pair|unknown \$?GOARCH|go tool dist:|compile: unknown architecture|cmd\/go:/i;

/** An installer or package manager run by the user: `./install.sh`, `curl ... | bash`, `brew install`, `npm i`. */
const INSTALLER = /install|\bcurl\b|\bwget\b|\bbrew\b|\bnpm\b|\bnpx\b|\bpip3?\b|\bterraform init\b|\bapt(?:-get)?\b/i;

function osSpelling(os: string): string | null {
  const m: Record<string, string> = { macos: 'darwin', osx: 'darwin', mac: 'darwin', win: 'windows', win32: 'windows', win64: 'windows' };
  return m[os.toLowerCase()] ?? null;
}

/**
 * A wrapper (build.sh, a Makefile) that derives GOARCH from another variable (`TARGETS=linux/aarch64`) overwrites a
 * GOARCH prefix: respell the value where the user wrote it, in that variable, and run their command with it.
 */
function respellVariable(ctx: FixContext, badArch: string | null, archFix: string | null, badOs: string | null, osFix: string | null): string | null {
  const cmd = ctx.failingCommand ?? null;
  if (!cmd || /\bGO(?:ARCH|OS)=/.test(cmd) || ctx.step?.env.GOARCH !== undefined) return null;
  const vars: Record<string, string> = { ...(ctx.step?.env ?? {}) };
  for (const m of cmd.matchAll(/(?:^|\s)([A-Z][A-Z0-9_]*)=("[^"]*"|'[^']*'|\S+)/g)) vars[m[1] ?? ''] = (m[2] ?? '').replace(/^(["'])(.*)\1$/, '$2');
  const word = (w: string): RegExp => new RegExp(`(^|[\\s/_,:-])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[\\s/_,:-])`, 'g');
  for (const [name, value] of Object.entries(vars)) {
    if (name === 'GOARCH' || name === 'GOOS' || !name) continue;
    let next = value;
    if (badArch && archFix) next = next.replace(word(badArch), `$1${archFix}`);
    if (badOs && osFix) next = next.replace(word(badOs), `$1${osFix}`);
    if (next === value) continue;
    const quoted = /^[\w@%+=:,./-]+$/.test(next) ? next : `'${next}'`;
    const assign = new RegExp(`(^|\\s)${name}=("[^"]*"|'[^']*'|\\S+)`);
    return assign.test(cmd) ? cmd.replace(assign, `$1${name}=${quoted}`) : `${name}=${quoted} ${cmd}`;
  }
  return null;
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
