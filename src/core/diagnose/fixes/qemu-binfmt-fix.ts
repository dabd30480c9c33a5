import type { FixContext, FixStrategy } from '../fix-context.js';
import { plan, platformString } from './fix-helpers.js';
import { ARCHES } from '../../platform/index.js';

/** A foreign-platform container step or binary ran with no emulator registered in binfmt_misc (or it crashed). */
export const qemuBinfmtFix: FixStrategy = {
  class: 'qemu-binfmt-missing',
  build(ctx: FixContext) {
    const s = ctx.situation;
    const arch = ctx.target?.goarch ?? null;
    const qemuName = arch ? (ARCHES[arch]?.qemu ?? arch) : null;
    const platform = ctx.facts.platform ?? (arch ? platformString(ctx.target) : null);
    const rerun = ctx.dockerCommand ?? s.userCommand?.value ?? null;
    const image = s.image?.value ?? null;
    const emulator = s.emulator?.value ?? null;
    const goBuildUnderEmulation = /\bgo (?:build|install|mod download|test)\b/.test(`${ctx.failingCommand ?? ''} ${ctx.evidenceText}`);
    const install = `docker run --privileged --rm tonistiigi/binfmt --install ${qemuName ?? 'all'}`;
    // Facts first: an image without the foreign platform would be emulated as the wrong one under the new tag.
    const check = image ? [`docker buildx imagetools inspect ${image}`] : ['docker buildx inspect --bootstrap'];
    const crossCompile = plan(
      'Cross-compile in the Dockerfile instead of emulating: run the Go build on the build platform and copy the binary into the target image.',
      ['# Dockerfile: FROM --platform=$BUILDPLATFORM golang:1.22 AS build', '# ARG TARGETOS TARGETARCH', '# RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .', ...(rerun ? [rerun] : [])],
      'when the foreign-platform RUN steps are the Go build (much faster than QEMU, and Go never runs under emulation)',
    );
    const actions = plan('In GitHub Actions, register QEMU with a step before docker/setup-buildx-action.', ['# - name: Set up QEMU', '#   uses: docker/setup-qemu-action@v3'], 'in a GitHub Actions workflow');
    const alternatives = [];
    let fix;
    const triple = arch ? (ARCHES[arch]?.triple ?? null) : null;
    const deb = arch ? (ARCHES[arch]?.debian ?? null) : null;
    if (ctx.facts.qemuLoader && triple && deb) {
      // The emulator works; the dynamically linked binary's loader and libc for that platform are missing.
      const pm = s.packageManager?.value ?? 'apt';
      const user = s.userCommand?.value ?? ctx.failingCommand ?? null;
      fix = plan(
        `QEMU runs ${platform ?? 'the foreign binary'} but finds no ${platform ?? 'foreign'} loader on this machine: install that platform's C library and point qemu-user at it with QEMU_LD_PREFIX, then run again.`,
        [...(pm === 'apt' ? ['sudo apt-get update', `sudo apt-get install -y libc6-${deb}-cross`] : []), `export QEMU_LD_PREFIX=/usr/${triple}`, ...(user ? [user] : [])],
      );
      alternatives.push(plan('Build a static Go binary, which needs no loader under emulation.', [`CGO_ENABLED=0 GOOS=linux GOARCH=${arch} go build ./...`], 'when the program does not need cgo'));
      return { fix, alternatives };
    }
    if (emulator === 'rosetta') {
      fix = plan(`Rosetta failed to run the ${platform ?? 'foreign'} binary: turn off "Use Rosetta for x86_64/amd64 emulation" in Docker Desktop (Settings → General) so QEMU runs it, then build again.`, [...check, ...(rerun ? [rerun] : [])]);
      alternatives.push(crossCompile);
    } else if (emulator === 'qemu-broken' && ctx.docker && goBuildUnderEmulation) {
      // Go itself crashing under QEMU is not fixed by registering QEMU again: do not run Go under emulation.
      fix = crossCompile;
      alternatives.push(plan('Replace a broken or stale QEMU registration, then build again.', ["docker run --privileged --rm tonistiigi/binfmt --uninstall 'qemu-*'", install, ...(rerun ? [rerun] : [])], 'when the crash comes from an old QEMU, not from Go'));
    } else if (emulator === 'qemu-broken' || emulator === 'qemu') {
      fix = plan(`A QEMU registration is present but does not run ${platform ?? 'the foreign binaries'}: remove the stale registration, install current emulators, then build again.`, ["docker run --privileged --rm tonistiigi/binfmt --uninstall 'qemu-*'", install, ...(rerun ? [rerun] : [])]);
      if (ctx.docker) alternatives.push(crossCompile);
    } else {
      fix = plan(
        `Register QEMU emulators with binfmt_misc so ${platform ?? 'foreign-platform'} binaries can run on this ${ctx.host?.goarch ?? ''} host${image ? `, after checking that ${image} publishes ${platform ?? 'the platform'}` : ''}, then build again.`.replace(/ {2,}/g, ' '),
        [...(image ? check : []), install, ...(rerun ? [rerun] : [])],
      );
      if (ctx.docker) alternatives.push(crossCompile);
    }
    alternatives.push(actions);
    if (!ctx.docker && arch && ARCHES[arch] && ctx.facts.binary) {
      alternatives.push(plan(`Run the binary under qemu-${ARCHES[arch].qemu}-static explicitly.`, ['sudo apt-get install -y qemu-user-static', `qemu-${ARCHES[arch].qemu}-static ${ctx.facts.binary}`], 'when only one command needs emulation'));
    }
    return { fix, alternatives };
  },
};
