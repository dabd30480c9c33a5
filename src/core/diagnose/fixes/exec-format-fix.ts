import type { FixPlan } from '../../model/incident.js';
import { ARCHES } from '../../platform/index.js';
import type { FixContext, FixStrategy } from '../fix-context.js';
import { afterGoInvocation, findGoInvocation, prefixCommand, withGoEnv } from '../shell-command.js';
import { plan, platformString } from './fix-helpers.js';

/**
 * The architecture is right but the CPU level is not (Go's own start-up check): rebuild for the baseline
 * level, keeping the user's own build command, or give the VM or emulator the CPU the binary asks for.
 */
function cpuLevelPlan(ctx: FixContext): { fix: FixPlan; alternatives: FixPlan[] } {
  const amd64 = ctx.facts.goamd64 ?? null;
  const build = ctx.failingCommand ? findGoInvocation(ctx.failingCommand, ['build', 'install']) : null;
  const step = (ctx.step?.script ?? []).map((l) => findGoInvocation(l, ['build', 'install'])).find((c) => c !== null) ?? null;
  const goBuild = build ?? step ?? 'go build ./...';
  if (amd64 !== null || ctx.facts.goarm === undefined) {
    const level = amd64 ?? '3';
    return {
      fix: plan(
        `The binary was built with GOAMD64=v${level}, and this CPU (or VM, emulator or Rosetta) lacks x86-64-v${level} instructions: build it for the baseline, GOAMD64=v1 (Go's default), unless every machine that runs it has v${level}.`,
        ['grep -o -w -E "avx2|bmi2|fma|sse4_2|popcnt" /proc/cpuinfo | sort -u', withGoEnv(goBuild, { GOAMD64: 'v1' })],
      ),
      alternatives: [plan(`Give the VM the host's CPU model so it has x86-64-v${level} (Proxmox: cpu type host; QEMU: -cpu host or -cpu max).`, [], 'when the binary is not yours, or v' + level + ' is wanted')],
    };
  }
  const goarm = ctx.facts.goarm;
  return {
    fix: plan(`The binary was built with GOARM=${goarm}, which needs floating-point hardware this ARM CPU lacks: build it with GOARM=5 (software floating point), or 6 for a Raspberry Pi 1 or Zero.`, ["grep -m1 -E 'model name|Features' /proc/cpuinfo", withGoEnv(goBuild, { GOOS: 'linux', GOARCH: 'arm', GOARM: '5' })]),
    alternatives: [],
  };
}

/** A binary built for one architecture executed on another. */
export const execFormatFix: FixStrategy = {
  class: 'exec-format-error',
  build(ctx: FixContext) {
    if (ctx.facts.cpuLevel === 'true') return cpuLevelPlan(ctx);
    const binary = ctx.facts.binary ?? null;
    const hostOs = ctx.host?.goos ?? null;
    const hostArch = ctx.host?.goarch ?? null;
    const targetArch = ctx.target?.goarch ?? null;
    const osExpr = hostOs ?? '$(go env GOHOSTOS)';
    const archExpr = hostArch ?? '$(go env GOHOSTARCH)';
    const build = buildCommandFor(ctx, binary);
    const rerun = rerunCommand(ctx, binary);
    const alternatives: FixPlan[] = [];
    const commands: string[] = [];
    let summary: string;
    // A Go test binary (/tmp/go-build…/b001/x.test) means the failing command runs go test, perhaps via a wrapper.
    const testBinary = binary !== null && /\/go-build\d*\/b\d+\/(?:[\w.-]+\.test|exe\/)/.test(binary);
    const goRun = ctx.failingCommand ? (findGoInvocation(ctx.failingCommand, ['test', 'run']) ?? (testBinary ? ctx.failingCommand : null)) : null;
    const q = targetArch ? (ARCHES[targetArch]?.qemu ?? null) : null;
    const cross = targetArch !== null && hostArch !== null && targetArch !== hostArch;
    // The user chose the target on purpose: GOARCH set in the failing command or its step, not inherited.
    const chosen = targetArch !== null && (/\bGOARCH=/.test(ctx.failingCommand ?? '') || ctx.step?.env.GOARCH !== undefined || (ctx.step?.script ?? []).some((l) => /\bGOARCH=/.test(l) && /\bgo (?:build|install|test)\b/.test(l)));
    const user = ctx.situation.userCommand?.value ?? null;
    const container = /\b(?:docker|podman) (?:run|compose|create)\b/.test(user ?? '') || (ctx.docker && !build && !goRun);
    const entrypoint = !build && !goRun && !user && binary !== null && /(?:^|[\s>`"])exec \/\S+: exec format error/.test(ctx.evidenceText.trim());
    // runc's own words for the container's first process: the log is a container's, whoever started it.
    const containerInit = !build && !goRun && /exec user process caused|unable to start container process|exec container process/.test(ctx.evidenceText);
    if (entrypoint) {
      // A container's entrypoint on a machine the image was not built for (built on a laptop, run on a Pi):
      // rebuilding for this machine's GOHOSTARCH would build for the wrong one. Ask the machine that runs it.
      const image = ctx.situation.image?.value ?? null;
      const platforms = targetArch && hostArch && targetArch !== hostArch ? `${hostOs ?? 'linux'}/${hostArch}` : 'linux/amd64,linux/arm64,linux/arm/v7';
      // Whose image it is the log does not say: first the platforms, then a tag for this one; building the
      // image for every platform is the fix only for its owner.
      const own = plan(`Build the image for ${platforms} yourself when it is yours (the Dockerfile's go build needs GOARCH=$TARGETARCH).`, [`docker buildx build --platform ${platforms}${image ? ` -t ${image}` : ''} --push .`], 'when you own the image');
      return { fix: notBuiltHere(ctx, binary, null, true), alternatives: [own, ...notBuiltHereAlternatives(ctx, binary, true)] };
    }
    if (container && user) {
      // The binary runs inside a container: the image (or its entrypoint) is for another platform than this host.
      const image = ctx.situation.image?.value ?? null;
      if (targetArch && cross) {
        if (image) commands.push(`docker buildx imagetools inspect ${image}`);
        commands.push(`docker run --privileged --rm tonistiigi/binfmt --install ${q ?? targetArch}`);
      } else {
        // Nothing in the image can be run to ask it (its own uname is foreign too): ask the engine and the
        // image's metadata, then the platforms the reference publishes.
        commands.push("docker version --format '{{.Server.Os}}/{{.Server.Arch}}'");
        // (a bare image ID is local: no registry to list the platforms of)
        if (image) commands.push(`docker image inspect --format '{{.Os}}/{{.Architecture}}' ${image}`, ...(/^(?:sha256:)?[0-9a-f]{12,64}$/.test(image) ? [] : [`docker buildx imagetools inspect ${image}`]));
        alternatives.push(plan(`Run ${image ?? 'the image'} under emulation when it publishes no variant for this machine.`, ['docker run --privileged --rm tonistiigi/binfmt --install all', user], 'when the image has only another platform'));
      }
      commands.push(user);
      summary = cross
        ? `The container runs ${targetArch} binaries on this ${hostArch} host: check the platforms ${image ?? 'the image'} publishes, register QEMU for ${targetArch}, and run the container again.`
        : `The binaries in ${image ?? 'the container'} are for another CPU than ${hostArch ? `this ${hostOs ?? 'linux'}/${hostArch} machine` : "this machine's Docker engine"}: compare the engine's platform with the image's and with the platforms the image publishes, then run a variant for the engine's platform (docker run --platform) or rebuild the image for it with docker buildx build --platform.`;
      if (hostArch) alternatives.push(plan(`Build the image for ${hostOs ?? 'linux'}/${hostArch} itself, cross-compiling the Go binary.`, [`docker buildx build --platform ${hostOs ?? 'linux'}/${hostArch}${image ? ` -t ${image}` : ''} .`], 'when you own the image'));
    } else if (goRun && !build && chosen && cross && q && /\bgo test\b/.test(goRun)) {
      // go test for an explicitly chosen target: keep testing that target, executing its test binaries under QEMU.
      commands.push('sudo apt-get update', 'sudo apt-get install -y qemu-user-static', withGoEnv(goRun, { GOOS: ctx.target?.goos ?? 'linux', GOARCH: targetArch, GOARM: targetArch === 'arm' ? (ctx.target?.variant?.replace(/^v/, '') ?? '7') : null }).replace(/\bgo test\b/, `go test -exec qemu-${q}-static`));
      summary = `Keep testing the ${targetArch} build: run its test binaries under qemu-${q}-static on this ${hostArch} host.`;
      alternatives.push(plan(`Run the tests for the machine they run on (${hostOs ?? 'linux'}/${hostArch}).`, [withGoEnv(goRun, { GOOS: osExpr, GOARCH: archExpr, GOARM: null })], `when only the ${hostArch} build needs testing`));
    } else if (goRun && !build) {
      commands.push(withGoEnv(goRun, { GOOS: osExpr, GOARCH: archExpr, GOARM: null }));
      summary = `Run \`go ${goRun.includes('go run') ? 'run' : 'test'}\` for the machine it runs on (${hostOs && hostArch ? `${hostOs}/${hostArch}` : 'the host'}): the binaries it builds and executes must match it.`;
      if (targetArch && ARCHES[targetArch] && targetArch !== hostArch && /\bgo test\b/.test(goRun)) {
        alternatives.push(plan(`Keep testing the ${targetArch} build, executing the test binaries under QEMU.`, ['sudo apt-get update', 'sudo apt-get install -y qemu-user-static', withGoEnv(goRun, { GOOS: ctx.target?.goos ?? 'linux', GOARCH: targetArch, GOARM: targetArch === 'arm' ? (ctx.target?.variant?.replace(/^v/, '') ?? '7') : null }).replace(/\bgo test\b/, `go test -exec qemu-${ARCHES[targetArch].qemu}-static`)], `when the ${targetArch} code itself must be tested`));
      }
    } else if (build && chosen && cross && q && binary && runsDirectly(rerun ?? binary, binary)) {
      // A smoke test of a foreign build: building for the host would make the step pass and test nothing.
      commands.push('sudo apt-get update', 'sudo apt-get install -y qemu-user-static', build, prefixCommand(rerun ?? binary, `qemu-${q}-static`));
      summary = `Keep the ${platformString(ctx.target)} build the step exists to check, and run ${binary} under qemu-${q}-static on this ${hostArch} host.`;
      alternatives.push(plan(`Build ${binary} for this ${hostArch} host instead (the step then no longer checks the ${targetArch} build).`, [withGoEnv(build, { GOOS: osExpr, GOARCH: archExpr, GOARM: null }), ...(rerun ? [rerun] : [])], `when the ${targetArch} binary need not run in this job`));
    } else if (build) {
      commands.push(withGoEnv(build, { GOOS: osExpr, GOARCH: archExpr, GOARM: null }));
      if (rerun) commands.push(rerun);
      summary = `Build ${binary ?? 'the program'} for the machine that runs it (${hostOs && hostArch ? `${hostOs}/${hostArch}` : 'the host'}) instead of ${targetArch ? platformString(ctx.target) : 'another architecture'}.`;
    } else if (targetArch && ARCHES[targetArch] && binary && cross) {
      commands.push('sudo apt-get update', 'sudo apt-get install -y qemu-user-static', prefixCommand(rerun ?? binary, `qemu-${ARCHES[targetArch].qemu}-static`));
      summary = `Run the ${targetArch} binary under QEMU user-mode emulation on this ${hostArch ?? 'host'} machine.`;
    } else {
      return { fix: notBuiltHere(ctx, binary, rerun, containerInit), alternatives: [...notBuiltHereAlternatives(ctx, binary, containerInit), plan(`If you build ${binary ?? 'it'} with Go yourself, build it for the machine that runs it.`, [`GOOS=${osExpr} GOARCH=${archExpr} go build ./...`], 'when the binary is yours')] };
    }
    if (targetArch && ARCHES[targetArch] && binary && build && !(chosen && cross && runsDirectly(rerun ?? binary, binary))) {
      const q = ARCHES[targetArch].qemu;
      alternatives.push(
        plan(`Keep the ${targetArch} binary and run it under QEMU user-mode emulation.`, ['sudo apt-get update', 'sudo apt-get install -y qemu-user-static', prefixCommand(rerun ?? binary, `qemu-${q}-static`)], `when the ${targetArch} binary itself must be tested`),
      );
    }
    const runner = targetArch ? ARCHES[targetArch]?.runner : null;
    if (runner && targetArch !== hostArch) {
      alternatives.push(plan(`Run this job on a native ${targetArch} runner (\`runs-on: ${runner}\`).`, [`# in the workflow job: runs-on: ${runner}`], 'in GitHub Actions, when tests must run natively on the target architecture'));
    }
    if (targetArch && targetArch !== hostArch && !container) {
      alternatives.push(plan('Register QEMU with binfmt_misc so foreign binaries run transparently.', [`docker run --privileged --rm tonistiigi/binfmt --install ${targetArch}`, ...(rerun ? [rerun] : [])], 'on a runner with Docker (or add `docker/setup-qemu-action` before the step)'));
    }
    return { fix: plan(summary, commands), alternatives };
  },
};

/**
 * No Go build in the log made the binary: it came from an image, a download or a setup task. Rebuilding with
 * go is then no fix; getting the build for this machine is, after finding out both architectures.
 */
function notBuiltHere(ctx: FixContext, binary: string | null, rerun: string | null, containerInit: boolean): FixPlan {
  const image = ctx.situation.image?.value ?? null;
  if (containerInit || (ctx.docker && !rerun)) {
    return plan(
      `The container's program is for another CPU than the machine that runs it: ${image ? `compare the platforms ${image} publishes with` : "compare the image's platform with"} the machine's (a Kubernetes node's: kubernetes.io/arch), then use a tag built for that platform, or run it where its platform is native.`,
      ["docker version --format '{{.Server.Os}}/{{.Server.Arch}}'", ...(image ? [`docker buildx imagetools inspect ${image}`] : ["docker image ls --format '{{.Repository}}:{{.Tag}}'"]), ...(rerun ? [rerun] : [])],
    );
  }
  const mac = ctx.host?.goos === 'darwin' || ctx.target?.goos === 'darwin' || ctx.facts.goos === 'darwin';
  const what = binary ?? 'The program';
  if (mac) {
    return plan(
      `${what} is built for the other Mac architecture: get its build for this Mac (uname -m says arm64 or x86_64) or a universal one; an x86_64 build runs on Apple Silicon only through Rosetta 2.`,
      [...(binary ? [`file ${binary}`] : []), 'uname -m', ...(rerun ? [rerun] : [])],
    );
  }
  return plan(
    `${what} is built for another CPU than this machine: the step, task or script that installed it fetched the wrong architecture. Install its build for this machine's architecture (uname -m), or run the job on a machine of the binary's.`,
    [...(binary ? [`file ${binary}`] : []), 'uname -m', ...(rerun && rerun !== binary ? [rerun] : [])],
  );
}

function notBuiltHereAlternatives(ctx: FixContext, binary: string | null, containerInit: boolean): FixPlan[] {
  const out: FixPlan[] = [];
  const image = ctx.situation.image?.value ?? null;
  if (containerInit || ctx.docker) {
    out.push(plan('On Kubernetes, list the nodes\' architectures and schedule the pod on nodes of the image\'s (nodeSelector kubernetes.io/arch), or use a multi-platform image.', ['kubectl get nodes -L kubernetes.io/arch'], 'when the container runs in a Kubernetes cluster'));
    out.push(plan(`Run ${image ?? 'the image'} under emulation on this machine.`, ['docker run --privileged --rm tonistiigi/binfmt --install all'], 'when no build for this platform exists'));
  } else if (ctx.host?.goos === 'darwin' || ctx.facts.goos === 'darwin') {
    out.push(plan('Install Rosetta 2 so x86_64 binaries run on Apple Silicon.', ['softwareupdate --install-rosetta --agree-to-license'], 'when the binary is x86_64 and the Mac is Apple Silicon'));
  } else if (binary) {
    out.push(plan(`Run ${binary} under QEMU user-mode emulation.`, ['sudo apt-get update', 'sudo apt-get install -y qemu-user-static binfmt-support'], 'when only this binary is foreign and no build for this machine exists'));
  }
  return out;
}

/** The go build that produced the binary: from the failing command, the step, or the last build in the log. */
function buildCommandFor(ctx: FixContext, binary: string | null): string | null {
  const candidates = [
    ctx.failingCommand ? findGoInvocation(ctx.failingCommand, ['build', 'install']) : null,
    ...(ctx.step?.script ?? []).map((l) => findGoInvocation(l, ['build', 'install'])),
    ctx.goCommand && /\bgo (?:build|install)\b/.test(ctx.goCommand) ? findGoInvocation(ctx.goCommand, ['build', 'install']) : null,
  ].filter((c): c is string => c !== null);
  if (binary) {
    const base = binary.split('/').pop() ?? binary;
    const named = candidates.find((c) => new RegExp(`-o[= ]\\S*${escape(base)}\\b`).test(c));
    if (named) return named;
  }
  return candidates[0] ?? null;
}

/** The command that ran the binary again (what failed), without the build in front of it. */
function rerunCommand(ctx: FixContext, binary: string | null): string | null {
  const failing = ctx.failingCommand;
  if (failing) {
    const after = afterGoInvocation(failing);
    if (after) return after;
    if (!findGoInvocation(failing, ['build', 'install'])) return failing;
  }
  return binary;
}

/** The command starts by executing the binary itself (`./bin/app -version`), so an emulator can be put in front of it. */
function runsDirectly(command: string, binary: string): boolean {
  const first = command.trim().replace(/^(?:[A-Za-z_]\w*=\S*\s+)*/, '').split(/\s+/)[0] ?? '';
  const base = binary.split('/').pop() ?? binary;
  return first === binary || first.endsWith(`/${base}`) || first === base;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
