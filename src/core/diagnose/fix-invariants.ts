import type { Incident } from '../model/incident.js';
import { ARCHES, crossCompilerFor, toGoarch } from '../platform/index.js';
import { splitCompound } from './shell-command.js';

/** The invariants every primary fix keeps (issue 12), by stable id. */
export type FixInvariant = 'keeps-known-facts' | 'no-placeholder' | 'reruns-user-command' | 'keeps-purpose' | 'exact-package';

export interface InvariantViolation {
  invariant: FixInvariant;
  detail: string;
}

const PLACEHOLDER = /<[a-z][\w -]*>|\bIMAGE\b|\bYOUR[_-]|\bPATH_TO\b|\.\.\.\/|\bTODO\b/;
const TOOL = /^(?:go (?:build|install|test|run|vet|generate)|make|goreleaser|bazel|bazelisk|docker (?:buildx )?build|docker run|podman (?:build|run)|\.?\/[\w./-]+\.sh|bash \S+\.sh|sh \S+\.sh)\b/;
const APT_GCC = /\bgcc-(?:[\w-]+-linux-gnu\w*|mingw-w64-[\w-]+)\b/g;

/** Leading VAR=value assignments off a simple command. */
function core(simple: string): string {
  return simple.trim().replace(/^(?:(?:sudo|env)\s+)?(?:[A-Za-z_]\w*=(?:"[^"]*"|'[^']*'|\S*)\s+)*/, '').replace(/\s+/g, ' ');
}

/** The user's own build or run tool invocations in a command line (`make cross`, `go test ./...`). */
export function toolInvocations(command: string): string[] {
  return splitCompound(command).parts.map(core).filter((p) => TOOL.test(p));
}

function words(cmd: string): string[] {
  return cmd.split(' ').filter((w) => w !== '');
}

/** True when `fixCmd` re-runs `user` with only environment, toolchain or flags changed. */
function reruns(user: string, fixCmd: string): boolean {
  const u = words(user);
  const head = u[0] === 'go' || u[0] === 'docker' ? u.slice(0, 2).join(' ') : (u[0] ?? '');
  const args = u.slice(head.split(' ').length).filter((w) => !w.startsWith('-') && !/=/.test(w) && !/^(?:\$|"|')/.test(w));
  return toolInvocations(fixCmd).some((f) => {
    const fw = words(f);
    const fhead = fw.slice(0, head.split(' ').length).join(' ');
    if (fhead !== head && !(head === 'docker build' && fw.slice(0, 3).join(' ') === 'docker buildx build')) return false;
    return args.every((a) => fw.includes(a));
  });
}

/** The GOARCH values a command sets (`GOARCH=arm64 go build`). */
function goarchesSet(cmd: string): string[] {
  return [...cmd.matchAll(/(?:^|\s)GOARCH=["']?([\w$(){}. -]+?)["']?(?=\s|$)/g)].map((m) => m[1] ?? '');
}

/**
 * Checks the primary fix of an incident against the facts it was planned from. Pure: returns what is
 * violated, never throws.
 */
export function checkFixInvariants(incident: Incident): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  const s = incident.situation;
  const cmds = incident.fix.commands;
  const runnable = cmds.filter((c) => !c.trim().startsWith('#'));
  const all = runnable.join('\n');
  const target = incident.target?.goarch ?? null;
  const host = incident.host?.goarch ?? null;

  // 1. Never contradict a known fact: target arch, host OS and package manager, image name.
  for (const c of runnable) {
    for (const g of goarchesSet(c)) {
      if (g.startsWith('$')) continue;
      const allowed = new Set([target, ...(['exec-format-error', 'dlopen-arch-mismatch', 'unsupported-platform'].includes(incident.class) ? [host, incident.facts.libArch ?? null] : [])].filter((x): x is string => x !== null));
      if (incident.class === 'unsupported-platform' && incident.facts.goarch) allowed.add(toGoarch(incident.facts.goarch) ?? incident.facts.goarch);
      if (allowed.size > 0 && !allowed.has(g)) out.push({ invariant: 'keeps-known-facts', detail: `GOARCH=${g} but the log says ${[...allowed].join(' or ')}` });
    }
    const cc = /(?:^|\s)CC=["']?(?:zig cc -target )?([\w.-]+?)-(?:linux|w64|unknown)/.exec(c)?.[1];
    const setArch = goarchesSet(c)[0];
    if (cc && setArch && !setArch.startsWith('$') && toGoarch(cc) !== null && toGoarch(cc) !== setArch && !(setArch === '386' && /^i\d86|x86$/.test(cc))) {
      out.push({ invariant: 'keeps-known-facts', detail: `CC for ${cc} with GOARCH=${setArch}` });
    }
  }
  const os = s?.hostOs?.value ?? null;
  const pm = s?.packageManager?.value ?? null;
  if (os === 'darwin' && /\b(?:apt-get|dpkg|apk|dnf|yum|pacman)\b/.test(all)) out.push({ invariant: 'keeps-known-facts', detail: 'a Linux package manager on a macOS host' });
  if (pm && pm !== 'apt' && /\b(?:apt-get|dpkg)\b/.test(all)) out.push({ invariant: 'keeps-known-facts', detail: `apt-get on a ${pm} host` });
  const image = s?.image?.value ?? null;
  if (image && /\bdocker (?:pull|run|buildx imagetools inspect|manifest inspect)\b/.test(all)) {
    const named = runnable.filter((c) => /\bdocker (?:pull|buildx imagetools inspect|manifest inspect)\b/.test(c));
    if (named.length > 0 && !named.some((c) => c.includes(image))) out.push({ invariant: 'keeps-known-facts', detail: `the image is ${image}` });
  }

  // 2. No placeholder for a value the log names.
  for (const c of runnable) if (PLACEHOLDER.test(c)) out.push({ invariant: 'no-placeholder', detail: c });

  // 3. Re-run the user's own failing command or tool.
  const userCmd = s?.userCommand?.value ?? null;
  const nothingToRebuild = incident.class === 'unsupported-platform' && !/GOARCH=|GOOS=/.test(all);
  if (userCmd && !nothingToRebuild) {
    for (const u of toolInvocations(userCmd)) {
      if (!runnable.some((c) => reruns(u, c))) out.push({ invariant: 'reruns-user-command', detail: u });
      break;
    }
  }

  // 4. Keep the step's purpose: an artifact for the target stays one; executing the target's binary still does.
  const cross = target !== null && host !== null && target !== host;
  if (cross && (incident.class === 'cgo-cross-linker' || incident.class === 'cgo-disabled')) {
    for (const c of runnable) if (toolInvocations(c).some((t) => /^go (?:build|install)/.test(t)) && goarchesSet(c).some((g) => g === host)) out.push({ invariant: 'keeps-purpose', detail: `builds for the host ${host}: ${c}` });
  }
  if (cross && incident.class === 'exec-format-error' && incident.facts.explicitArch === 'true' && s?.purpose?.value === 'executes' && /\bGOARCH=\S*\b/.test(incident.failingCommand ?? '')) {
    const emulated = /\bqemu-[\w]+-static\b|go test -exec\b|runs-on:/.test(cmds.join('\n'));
    if (!emulated) out.push({ invariant: 'keeps-purpose', detail: `the step executes the ${target} build; the fix no longer does` });
  }

  // 5. The exact package for the host's package manager.
  for (const c of runnable) {
    if (!/\bapt-get install\b/.test(c)) continue;
    for (const m of c.matchAll(APT_GCC)) {
      const known = Object.values(ARCHES).some((a) => a.debianGcc === m[0]) || ['amd64', '386'].some((g) => crossCompilerFor({ goos: 'windows', goarch: g })?.package === m[0]);
      if (!known) out.push({ invariant: 'exact-package', detail: `${m[0]} is not a Debian/Ubuntu package` });
    }
    for (const m of c.matchAll(/\S+:([a-z0-9]+)\b/g)) {
      const deb = m[1] ?? '';
      if (!Object.values(ARCHES).some((a) => a.debian === deb)) out.push({ invariant: 'exact-package', detail: `${m[0]}: ${deb} is not a dpkg architecture` });
      else if (target && ARCHES[target] && ARCHES[target].debian !== deb && incident.class !== 'dlopen-arch-mismatch') out.push({ invariant: 'exact-package', detail: `${m[0]} for a ${target} target` });
    }
    if (/install -y\s*$/.test(c)) out.push({ invariant: 'exact-package', detail: `no package named: ${c}` });
  }
  return out;
}
