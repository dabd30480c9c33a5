import { ARCHES } from '../../platform/index.js';
import type { FixContext, FixStrategy } from '../fix-context.js';
import { afterGoInvocation, findGoInvocation, prefixCommand, withGoEnv } from '../shell-command.js';
import { plan, platformString } from './fix-helpers.js';

/** A binary built for one architecture executed on another. */
export const execFormatFix: FixStrategy = {
  class: 'exec-format-error',
  build(ctx: FixContext) {
    const binary = ctx.facts.binary ?? null;
    const hostOs = ctx.host?.goos ?? null;
    const hostArch = ctx.host?.goarch ?? null;
    const targetArch = ctx.target?.goarch ?? null;
    const osExpr = hostOs ?? '$(go env GOHOSTOS)';
    const archExpr = hostArch ?? '$(go env GOHOSTARCH)';
    const build = buildCommandFor(ctx, binary);
    const rerun = rerunCommand(ctx, binary);
    const alternatives = [];
    const commands: string[] = [];
    let summary: string;
    // A Go test binary (/tmp/go-build…/b001/x.test) means the failing command runs go test, perhaps via a wrapper.
    const testBinary = binary !== null && /\/go-build\d*\/b\d+\/(?:[\w.-]+\.test|exe\/)/.test(binary);
    const goRun = ctx.failingCommand ? (findGoInvocation(ctx.failingCommand, ['test', 'run']) ?? (testBinary ? ctx.failingCommand : null)) : null;
    if (goRun && !build) {
      commands.push(withGoEnv(goRun, { GOOS: osExpr, GOARCH: archExpr, GOARM: null }));
      summary = `Run \`go ${goRun.includes('go run') ? 'run' : 'test'}\` for the machine it runs on (${hostOs && hostArch ? `${hostOs}/${hostArch}` : 'the host'}): the binaries it builds and executes must match it.`;
      if (targetArch && ARCHES[targetArch] && targetArch !== hostArch && /\bgo test\b/.test(goRun)) {
        const q = ARCHES[targetArch].qemu;
        alternatives.push(plan(`Keep testing the ${targetArch} build, executing the test binaries under QEMU.`, ['sudo apt-get update', 'sudo apt-get install -y qemu-user-static', withGoEnv(goRun, { GOOS: ctx.target?.goos ?? 'linux', GOARCH: targetArch, GOARM: targetArch === 'arm' ? (ctx.target?.variant?.replace(/^v/, '') ?? '7') : null }).replace(/\bgo test\b/, `go test -exec qemu-${q}-static`)], `when the ${targetArch} code itself must be tested`));
      }
    } else if (build) {
      commands.push(withGoEnv(build, { GOOS: osExpr, GOARCH: archExpr, GOARM: null }));
      if (rerun) commands.push(rerun);
      summary = `Build ${binary ?? 'the program'} for the machine that runs it (${hostOs && hostArch ? `${hostOs}/${hostArch}` : 'the host'}) instead of ${targetArch ? platformString(ctx.target) : 'another architecture'}.`;
    } else if (targetArch && ARCHES[targetArch] && binary) {
      const q = ARCHES[targetArch].qemu;
      commands.push('sudo apt-get update', 'sudo apt-get install -y qemu-user-static', prefixCommand(rerun ?? binary, `qemu-${q}-static`));
      summary = `Run the ${targetArch} binary under QEMU user-mode emulation on this ${hostArch ?? 'host'} machine.`;
    } else {
      commands.push(...(binary ? [`file ${binary}`] : []), 'go env GOHOSTOS GOHOSTARCH');
      commands.push(`GOOS=${osExpr} GOARCH=${archExpr} go build ./...`);
      summary = 'Check which architecture the binary was built for, and build it for the host that runs it.';
    }
    if (targetArch && ARCHES[targetArch] && binary && build) {
      const q = ARCHES[targetArch].qemu;
      alternatives.push(
        plan(`Keep the ${targetArch} binary and run it under QEMU user-mode emulation.`, ['sudo apt-get update', 'sudo apt-get install -y qemu-user-static', prefixCommand(rerun ?? binary, `qemu-${q}-static`)], `when the ${targetArch} binary itself must be tested`),
      );
    }
    const runner = targetArch ? ARCHES[targetArch]?.runner : null;
    if (runner && targetArch !== hostArch) {
      alternatives.push(plan(`Run this job on a native ${targetArch} runner (\`runs-on: ${runner}\`).`, [`# in the workflow job: runs-on: ${runner}`], 'in GitHub Actions, when tests must run natively on the target architecture'));
    }
    if (targetArch && targetArch !== hostArch) {
      alternatives.push(plan('Register QEMU with binfmt_misc so foreign binaries run transparently.', [`docker run --privileged --rm tonistiigi/binfmt --install ${targetArch}`, ...(rerun ? [rerun] : [])], 'on a runner with Docker (or add `docker/setup-qemu-action` before the step)'));
    }
    return { fix: plan(summary, commands), alternatives };
  },
};

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

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
