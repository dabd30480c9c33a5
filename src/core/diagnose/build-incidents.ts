import type { Incident, Platform } from '../model/incident.js';
import type { LookalikeHint, NearestCause } from '../model/nearest-cause.js';
import type { FailureClass } from '../model/failure-class.js';
import type { RuleMatch, ScanResult } from '../scan/log-scanner.js';
import type { ContextSnapshot } from '../scan/context-tracker.js';
import { ELF_MACHINES, VALID_GOARCH, toGoarch } from '../platform/index.js';
import type { FixContext } from './fix-context.js';
import { FIX_STRATEGIES } from './fixes/fix-registry.js';
import { fingerprintOf, maskVolatile } from './fingerprint.js';
import { findGoInvocation } from './shell-command.js';
import { situation } from './situation.js';

const MAX_EVIDENCE = 6;
const DOCKER_CMD = /\b(?:docker(?: buildx)? (?:build|run|compose)|podman (?:build|run)|buildah bud)\b.*/;
const DOCKER_STEP = /docker|buildx|build-push-action|podman|buildah|goreleaser|ko build/i;

interface Resolved {
  match: RuleMatch;
  host: Platform | null;
  target: Platform | null;
  facts: Record<string, string>;
  docker: boolean;
  /** The log names the platform the container was meant to run on. */
  platformShown: boolean;
  failingCommand: string | null;
}

/**
 * Turns rule matches into incidents:
 * 1. resolve each match's facts, host and target from its captures and the log's context;
 * 2. drop matches whose rule conditions (cross, docker, cgo off) do not hold;
 * 3. fold matches with the same root cause into one incident (same fingerprint), keeping the evidence;
 * 4. drop incidents that another incident's rule declares to be its symptom;
 * 5. attach the ranked fixes.
 */
export function buildIncidents(scan: ScanResult): Incident[] {
  const resolved = lineWinners(scan).filter((r) => r.match.rule.lookalike === null);
  const byFingerprint = new Map<string, { incident: Incident; resolved: Resolved }>();
  for (const r of resolved) {
    const fp = fingerprintOf({ class: r.match.rule.class, keys: keyFacts(r) });
    const existing = byFingerprint.get(fp);
    if (existing) {
      // One root cause, several rules: the incident speaks with the most specific (highest-priority) rule.
      if (r.match.rule.priority > existing.resolved.match.rule.priority) {
        const evidence = existing.incident.evidence;
        existing.incident = { ...toIncident(r, fp), evidence };
        existing.resolved = r;
      }
      const ev = existing.incident.evidence;
      // Repeats of the same message add nothing: the evidence keeps distinct lines.
      if (ev.length < MAX_EVIDENCE && !ev.some((e) => e.line === r.match.line || e.text === r.match.text)) ev.push({ line: r.match.line, text: r.match.text });
      continue;
    }
    byFingerprint.set(fp, { incident: toIncident(r, fp), resolved: r });
  }
  let incidents = foldAnonymous([...byFingerprint.values()]);
  const suppressed = new Set<FailureClass>(incidents.flatMap((i) => i.resolved.match.rule.suppresses));
  incidents = incidents.filter((i) => !suppressed.has(i.incident.class) || i.resolved.match.rule.suppresses.includes(i.incident.class));
  for (const i of incidents) {
    const ctx = fixContext(i.resolved, i.incident);
    const fixes = FIX_STRATEGIES[i.incident.class].build(ctx);
    i.incident.situation = ctx.situation;
    i.incident.fix = fixes.fix;
    i.incident.alternatives = fixes.alternatives;
  }
  return incidents
    .map((i) => i.incident)
    .sort((a, b) => b.confidence - a.confidence || (a.evidence[0]?.line ?? 0) - (b.evidence[0]?.line ?? 0));
}

/**
 * The rule that wins each line: the highest priority among the matches whose conditions hold. Look-alike
 * rules compete for the same lines, so a line they claim yields no architecture incident.
 */
function lineWinners(scan: ScanResult): Resolved[] {
  const best = new Map<number, Resolved>();
  for (const m of scan.matches) {
    const r = resolve(m, scan);
    if (!conditionsHold(r)) continue;
    const current = best.get(m.line);
    if (!current || current.match.rule.priority < m.rule.priority) best.set(m.line, r);
  }
  return [...best.values()].sort((a, b) => a.match.line - b.match.line);
}

/**
 * The look-alike a log shows, when no architecture incident was found: the cause whose rules won the most
 * lines (the highest priority on a tie, then the earliest), with its evidence and hint.
 */
export function findNearestCause(scan: ScanResult): NearestCause | null {
  const byRule = new Map<string, Resolved[]>();
  for (const r of lineWinners(scan)) {
    if (r.match.rule.lookalike === null) continue;
    const list = byRule.get(r.match.rule.id) ?? [];
    list.push(r);
    byRule.set(r.match.rule.id, list);
  }
  let best: Resolved[] | null = null;
  for (const list of byRule.values()) {
    const a = list[0]!.match.rule;
    const b = best?.[0]?.match.rule;
    if (!best || !b || a.priority > b.priority || (a.priority === b.priority && list.length > best.length)) best = list;
  }
  const rule = best?.[0]?.match.rule;
  if (!best || !rule?.lookalike) return null;
  return {
    cause: rule.lookalike.cause,
    ruleId: rule.id,
    title: rule.title,
    evidence: best.slice(0, MAX_EVIDENCE).map((r) => ({ line: r.match.line, text: r.match.text })),
    hint: fillHint(rule.lookalike.hint, best[0]!.facts),
  };
}

/** A value from the log may stand in a hint's command only when it is a plain path or name. */
const SAFE_HINT_VALUE = /^[\w./+-]{1,120}$/;

/**
 * Fills `{name}` placeholders of a hint's command from the match's captures. A placeholder whose value is
 * missing or not a plain path or name drops the command: log text never becomes a shell command unchecked.
 */
function fillHint(hint: LookalikeHint, facts: Record<string, string>): LookalikeHint {
  if (!hint.command) return hint;
  let ok = true;
  const command = hint.command.replace(/\{(\w{1,30})\}/g, (_all, name: string) => {
    const v = facts[name];
    if (v === undefined || !SAFE_HINT_VALUE.test(v) || v.startsWith('-')) {
      ok = false;
      return '';
    }
    return v;
  });
  return ok ? { summary: hint.summary, command } : { summary: hint.summary };
}

/**
 * An incident with nothing that identifies its cause (no library, binary, image or package) is another
 * symptom of an incident of the same class and target: fold its evidence into that one.
 */
function foldAnonymous<T extends { incident: Incident; resolved: Resolved }>(list: T[]): T[] {
  const named = (i: T): boolean => ['lib', 'libPath', 'binary', 'image', 'package'].some((k) => i.resolved.facts[k] !== undefined);
  const sameCause = (a: T, b: T): boolean => a.incident.class === b.incident.class && a.incident.target?.goarch === b.incident.target?.goarch;
  const out: T[] = [];
  for (const i of list) {
    const home = !named(i) ? (list.find((o) => o !== i && named(o) && sameCause(o, i)) ?? out.find((o) => sameCause(o, i))) : undefined;
    if (home) {
      for (const e of i.incident.evidence) if (home.incident.evidence.length < MAX_EVIDENCE && !home.incident.evidence.some((x) => x.line === e.line)) home.incident.evidence.push(e);
      home.incident.evidence.sort((a, b) => a.line - b.line);
      continue;
    }
    out.push(i);
  }
  return out;
}

function resolve(match: RuleMatch, scan: ScanResult): Resolved {
  let host = scan.host;
  const final: ContextSnapshot = scan.final;
  const c = match.captures;
  const ctx = match.context;
  const facts: Record<string, string> = { ...c };
  // A message only one platform's tool prints names the host's OS (ld64 and dyld run only on macOS): a rule
  // says so with the constant fact hostGoos; a message that names the machine's own architecture ("but I am
  // a 'x86_64-linux'") captures hostGoarch.
  if (c.hostGoos && !host?.goos) host = { goos: c.hostGoos, goarch: host?.goarch ?? null };
  if (c.hostGoarch && !host?.goarch) host = { goos: host?.goos ?? null, goarch: toGoarch(c.hostGoarch) ?? null };
  delete facts.hostGoos;
  delete facts.hostGoarch;
  const step = ctx.step;
  const inlineEnv = failingEnv(match);
  // What was set for the failing build: its own command, its step, earlier commands; facts printed later
  // (a `go env` pasted after the error) fill only what is still unknown.
  const assigned: Record<string, string> = { ...ctx.assigned, ...(step?.env ?? {}), ...inlineEnv };
  const buildSetsArch = assigned.GOARCH !== undefined;
  const goEnv = { ...final.goEnv, ...ctx.goEnv };
  if (assigned.CGO_ENABLED === undefined && goEnv.CGO_ENABLED !== undefined && (!buildSetsArch || assigned.GOARCH === goEnv.GOARCH)) assigned.CGO_ENABLED = goEnv.CGO_ENABLED;
  if (assigned.CC === undefined && goEnv.CC !== undefined && !buildSetsArch && /-linux-|-w64-/.test(goEnv.CC)) assigned.CC = goEnv.CC;
  if (!buildSetsArch && goEnv.GOARCH !== undefined) assigned.GOARCH = goEnv.GOARCH;
  if (assigned.GOOS === undefined && goEnv.GOOS !== undefined) assigned.GOOS = goEnv.GOOS;
  for (const k of ['CGO_ENABLED', 'CC']) if (assigned[k] !== undefined && facts[k.toLowerCase()] === undefined) facts[k === 'CC' ? 'cc' : 'cgoEnabled'] = assigned[k] ?? '';
  if (inlineEnv.GOARCH !== undefined || step?.env.GOARCH !== undefined || ctx.assigned.GOARCH !== undefined) facts.explicitArch = 'true';
  if (inlineEnv.GOOS !== undefined) facts.explicitOs = inlineEnv.GOOS;

  // Target: the rule's own captures, then the container platform, then the environment of the failing build.
  let goos: string | null = c.goos ?? null;
  let goarch: string | null = c.goarch ?? null;
  let variant: string | null = null;
  const vertex = ctx.vertex?.platform ? ctx.vertex : match.vertex !== null ? scan.vertexInfo(match.vertex) : ctx.vertex;
  const platform = c.platform ?? vertex?.platform ?? singlePlatform(ctx.platform);
  if (match.rule.class === 'cgo-cross-linker' && !goarch) {
    // The cross linker's own path names the target: .../aarch64-linux-gnu/bin/ld.
    const ld = /\/(x86_64|aarch64|arm|i686|i386|powerpc64le|s390x|riscv64)-linux-gnu\w*\/bin\/ld\b|gcc-cross\/(x86_64|aarch64|arm|i686|powerpc64le|s390x|riscv64)-linux-gnu/.exec(match.text);
    if (ld) goarch = toGoarch(ld[1] ?? ld[2] ?? '');
  }
  if (platform && (!goarch || !goos)) {
    const [pos, parch, pvar] = platform.split('/');
    goos ??= pos ?? null;
    goarch ??= parch ?? null;
    variant = pvar ?? null;
    facts.platform ??= platform;
  }
  if (c.have) facts.libArch = toGoarch(c.have.replace(/\s/g, '').replace(/×/g, 'x')) ?? c.have;
  if (c.libPath) {
    const m = /\/(x86_64|aarch64|arm|i386|i686|powerpc64le|s390x|riscv64)-linux-gnu\w*\//.exec(c.libPath);
    if (m?.[1]) facts.libArch = toGoarch(m[1]) ?? m[1];
  }
  if (!goarch && c.need && match.rule.class !== 'dlopen-arch-mismatch') goarch = toGoarch(c.need.replace(/\s/g, '')) ?? c.need;
  if (c.elfMachine && ELF_MACHINES[c.elfMachine]) facts.libArch = ELF_MACHINES[c.elfMachine] ?? '';
  if (!goarch && c.triple) goarch = toGoarch(c.triple.split('-')[0] ?? '');
  if (!goarch && c.binary) {
    const arch = ctx.fileArch[c.binary] ?? ctx.fileArch[c.binary.replace(/^\.\//, '')];
    if (arch) goarch = arch;
  }
  // A binary named for its platform (restic_0.7.0_linux_arm64, .../hostedtoolcache/go/1.19.13/x64/bin/go).
  if (!goarch && c.binary && (match.rule.class === 'exec-format-error' || match.rule.class === 'qemu-binfmt-missing')) goarch = archNamedIn(c.binary);
  // An installer or download names the machine's own platform: it is both where it runs and what it wants.
  const machineArch = c.assetArch ?? c.arch2 ?? c.arch3 ?? null;
  if (match.rule.class === 'unsupported-platform' && machineArch) {
    const arch = toGoarch(machineArch) ?? machineArch;
    goarch ??= arch;
    goos ??= c.assetOs?.toLowerCase() ?? 'linux';
    if (!host?.goarch) host = { goos: host?.goos ?? goos, goarch: arch };
  }
  if (!goarch && assigned.GOARCH) goarch = assigned.GOARCH;
  if (!goos && assigned.GOOS) goos = assigned.GOOS;
  if (!goarch && c.cc) {
    const triple = /^(x86_64|aarch64|arm|armv7|i[3-6]86|powerpc64le|s390x|riscv64|mips64el|mipsel|loongarch64)-(?:\w+-)?(linux|w64|mingw32|apple|darwin)/.exec(c.cc.split('/').pop() ?? '');
    if (triple?.[1]) {
      goarch = toGoarch(triple[1]);
      goos ??= triple[2] === 'linux' ? 'linux' : triple[2] === 'apple' || triple[2] === 'darwin' ? 'darwin' : 'windows';
    }
  }
  if (!goarch && c.flag) goarch = /^-m(?:arm|thumb|fpu|float-abi)/.test(c.flag) ? 'arm' : c.flag === '-m64' ? 'amd64' : c.flag === '-m32' ? '386' : null;
  // Options only mingw-w64's gcc knows: the build is for Windows.
  if (!goos && c.flag && /^-m(?:threads|windows|console|unicode|dll)$/.test(c.flag)) goos = 'windows';
  if (!goarch && (c.buildingFor ?? null)) goarch = toGoarch(c.buildingFor ?? '');
  if (!goarch && c.need && match.rule.class !== 'dlopen-arch-mismatch') goarch = toGoarch(c.need.replace(/\s/g, '')) ?? c.need;
  if (!goarch && (c.imageArch ?? c.qemuArch)) {
    goarch = toGoarch(c.imageArch ?? c.qemuArch ?? '');
    goos ??= 'linux';
  }
  if (!goarch && (assigned.IMAGE_PLATFORM || assigned.IMAGE_ARCH) && /qemu|image|exec-format/.test(match.rule.class)) {
    const [pos, parch] = (assigned.IMAGE_PLATFORM ?? `linux/${assigned.IMAGE_ARCH ?? ''}`).split('/');
    goos ??= pos ?? null;
    goarch = toGoarch(parch ?? '');
  }
  if (!goarch && ctx.toolchain?.goarch && host?.goarch && toGoarch(ctx.toolchain.goarch) !== host.goarch) goarch = ctx.toolchain.goarch;
  if (!goarch && final.toolchain?.goarch && host?.goarch && toGoarch(final.toolchain.goarch) !== host.goarch) goarch = final.toolchain.goarch;
  if (!goarch && match.rule.class === 'cgo-disabled' && (ctx.toolchain ?? final.toolchain)?.goarch) {
    // Nothing says otherwise: the build targets the toolchain's own platform.
    const tc = ctx.toolchain ?? final.toolchain;
    goarch = tc?.goarch ?? null;
    goos ??= tc?.goos ?? null;
  }
  if (goos) goos = goos.toLowerCase() === 'macos' ? 'darwin' : goos.toLowerCase();
  if (c.libExt && !goos) goos = c.libExt === 'dll' ? 'windows' : c.libExt === 'dylib' ? 'darwin' : 'linux';
  if (host && !host.goos && goos && match.rule.class === 'dlopen-arch-mismatch') host = { ...host, goos };
  if (goarch && match.rule.class !== 'unsupported-platform') goarch = toGoarch(goarch) ?? goarch;
  if (goarch === 'arm' && !variant && assigned.GOARM) variant = `v${assigned.GOARM}`;
  if (match.rule.class === 'dlopen-arch-mismatch') {
    const hostArch = host?.goarch ?? null;
    const byClass = c.elfClass === '32' ? { amd64: '386', arm64: 'arm' }[hostArch ?? ''] : c.elfClass === '64' ? { '386': 'amd64', arm: 'arm64' }[hostArch ?? ''] : undefined;
    const libArch = facts.libArch ?? (c.libCc ? toGoarch(c.libCc) : null) ?? byClass ?? null;
    if (libArch) {
      facts.libArch = libArch;
      if (c.need && !host?.goarch) host = { goos: host?.goos ?? goos ?? null, goarch: toGoarch(c.need) ?? c.need };
      goarch = libArch;
    }
  }
  let target: Platform | null = goarch || goos ? { goos: goos ?? host?.goos ?? null, goarch } : null;
  if (target && variant) target = { ...target, variant };

  const docker =
    ctx.vertex !== null ||
    match.vertex !== null ||
    (ctx.dockerLine !== null && match.line - ctx.dockerLine <= 60) ||
    (step !== null && (DOCKER_STEP.test(step.title) || step.script.some((l) => DOCKER_CMD.test(l))));
  const platformShown = !!(c.platform ?? vertex?.platform ?? ctx.platform ?? assigned.IMAGE_PLATFORM ?? assigned.IMAGE_ARCH ?? c.imageArch);
  return { match, host, target, facts, docker, platformShown, failingCommand: failingCommand(match, docker) };
}

function conditionsHold(r: Resolved): boolean {
  const when = r.match.rule.when;
  if (when.docker !== undefined && when.docker !== r.docker) return false;
  const cross = isCross(r);
  if (when.cross !== undefined && cross !== when.cross) return false;
  if (when.sameArch === false && cross === false) return false;
  if (when.native !== undefined && (cross !== true) !== when.native) return false;
  if (when.platformShown !== undefined && r.platformShown !== when.platformShown) return false;
  if (when.hostArch !== undefined && !(r.host?.goarch && when.hostArch.includes(r.host.goarch))) return false;
  if (when.cgoOff !== undefined) {
    const cgo = r.facts.cgoEnabled;
    const off = cgo === '0' || (cgo !== '1' && cross === true && !r.facts.cc);
    if (off !== when.cgoOff) return false;
  }
  return true;
}

/** true/false when both platforms are known; null when the log does not say. */
function isCross(r: Resolved): boolean | null {
  if (r.host?.goos && r.target?.goos && r.host.goos !== r.target.goos) return true;
  // GOARCH set explicitly for a build on an unknown host is, in practice, a cross build, unless it names
  // amd64, which Makefiles spell out for native builds on the usual runners.
  // `GOOS=windows go build` is POSIX shell syntax: a Windows machine does not build that way for itself.
  if (!r.host?.goos && r.facts.explicitOs && /^(?:windows|ios|js|wasip1|plan9)$/.test(r.facts.explicitOs)) return true;
  if (!r.host?.goarch && r.target?.goarch && r.facts.explicitArch === 'true') return r.target.goarch !== 'amd64' ? true : null;
  if (!r.host?.goarch || !r.target?.goarch) {
    if (r.host?.goos && r.target?.goos && r.host.goos !== r.target.goos) return true;
    return null;
  }
  if (r.target.goarch !== r.host.goarch) return true;
  return !!(r.target.goos && r.host.goos && r.target.goos !== r.host.goos);
}

/** The leading environment of the failing go command (`CGO_ENABLED=0 GOARCH=arm64 go build`). */
function failingEnv(match: RuleMatch): Record<string, string> {
  const out: Record<string, string> = {};
  const cmd = failingCommand(match, false);
  if (!cmd) return out;
  const re = /(?:^|[\s;&|])(?:export\s+)?(GOOS|GOARCH|GOARM|CGO_ENABLED|CC|CGO_LDFLAGS)=("[^"]*"|'[^']*'|[^\s;&|]*)/g;
  for (let m = re.exec(cmd); m; m = re.exec(cmd)) out[m[1] ?? ''] = (m[2] ?? '').replace(/^(["'])(.*)\1$/, '$2');
  return out;
}

/**
 * The command whose failure the match belongs to: a `+ cmd` trace or `$ cmd` prompt just before it, the
 * Dockerfile instruction of its BuildKit vertex, or the relevant line of the current step's script.
 */
function failingCommand(match: RuleMatch, docker: boolean): string | null {
  const ctx = match.context;
  if (docker && ctx.vertex?.instruction) return ctx.vertex.instruction.replace(/:$/, '');
  if (match.trace) return match.trace;
  const script = ctx.step?.script.filter((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? [];
  if (script.length === 0) return null;
  if (script.length === 1) return script[0]?.trim() ?? null;
  const binary = match.captures.binary?.split('/').pop();
  if (binary) {
    const line = [...script].reverse().find((l) => l.includes(binary) && !/\bgo (?:build|install)\b/.test(l));
    if (line) return line.trim();
  }
  const goLine = [...script].reverse().find((l) => /\bgo (?:build|install|test|run|vet|generate)\b|goreleaser|\bmake\b/.test(l));
  return (goLine ?? script[script.length - 1] ?? '').trim() || null;
}

/** The architecture a file's path or name is labelled with, if any. */
function archNamedIn(path: string): string | null {
  const m = /(?:^|[-_./])(aarch64|arm64|amd64|x86_64|x86-64|x64|armv7l?|armv6l?|armhf|i386|i686|386|ppc64le|s390x|riscv64)(?=[-_./]|$)/i.exec(path);
  return m?.[1] ? toGoarch(m[1].toLowerCase()) : null;
}

function singlePlatform(p: string | null): string | null {
  if (!p || p.includes(',') || p.includes('$')) return null;
  return /^[a-z0-9]+\/[a-z0-9]+(?:\/v\d)?$/.test(p) ? p : null;
}

function keyFacts(r: Resolved): Record<string, string | null> {
  const f = r.facts;
  const keys: Record<string, string | null> = {
    lib: f.lib ?? f.libPath?.split('/').pop() ?? null,
    binary: f.binary?.split('/').pop() ?? null,
    image: f.image ?? null,
    target: r.target?.goarch ? `${r.target.goos ?? ''}/${r.target.goarch}` : null,
    package: f.package ?? null,
  };
  // With nothing that identifies the cause, the masked evidence line tells causes apart.
  if (Object.values(keys).every((v) => v === null)) keys.line = maskVolatile(r.match.text);
  return keys;
}

function toIncident(r: Resolved, fingerprint: string): Incident {
  const rule = r.match.rule;
  const cross = isCross(r);
  let confidence = rule.confidence;
  if (cross === null && rule.class !== 'unsupported-platform' && rule.class !== 'image-platform-mismatch') confidence -= 0.1;
  if (rule.class === 'unsupported-platform' && r.facts.goarch && !VALID_GOARCH.has(r.facts.goarch)) confidence = Math.max(confidence, 0.95);
  return {
    class: rule.class as FailureClass,
    ruleId: rule.id,
    title: rule.title,
    fingerprint,
    confidence: Math.round(Math.max(0.05, Math.min(1, confidence)) * 100) / 100,
    evidence: [{ line: r.match.line, text: r.match.text }],
    host: r.host,
    target: r.target,
    failingCommand: r.failingCommand,
    step: r.match.context.step?.title ?? null,
    facts: r.facts,
    explanation: rule.explanation,
    fix: { summary: '', commands: [] },
    alternatives: [],
  };
}

function fixContext(r: Resolved, incident: Incident): FixContext {
  const step = r.match.context.step;
  const dockerCommand = step?.script.map((l) => DOCKER_CMD.exec(l)?.[0] ?? null).find((l) => l !== null) ?? null;
  const goCommands = r.match.context.goCommands;
  const goFromStep = step?.script.map((l) => findGoInvocation(l)).find((l) => l !== null) ?? null;
  const failingCommand = r.docker && dockerCommand ? null : incident.failingCommand;
  return {
    situation: situation({
      host: incident.host,
      target: incident.target,
      facts: incident.facts,
      failingCommand: incident.failingCommand,
      dockerCommand: dockerCommand?.trim() ?? null,
      docker: r.docker,
      stepScript: step?.script ?? [],
      stepTitle: step?.title ?? null,
      buildCommands: r.match.context.buildCommands,
      evidenceText: incident.evidence.map((e) => e.text).join('\n'),
      vertexInstruction: r.match.context.vertex?.instruction ?? null,
      namedImage: r.match.context.image,
    }),
    class: incident.class,
    facts: incident.facts,
    host: incident.host,
    target: incident.target,
    cross: isCross(r),
    failingCommand,
    step,
    goCommand: goFromStep ?? (goCommands.length > 0 ? (findGoInvocation(goCommands[goCommands.length - 1] ?? '') ?? null) : null),
    dockerCommand: dockerCommand?.trim() ?? null,
    docker: r.docker,
    buildCommands: r.match.context.buildCommands,
    evidenceText: incident.evidence.map((e) => e.text).join('\n'),
  };
}
