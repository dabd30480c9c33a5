import type { FailureClass } from '../core/model/failure-class.js';

/** What each failure class means, in one or two sentences (the README's table of classes). */
export const CLASS_DESCRIPTIONS: Record<FailureClass | 'not-architecture', string> = {
  'exec-format-error': 'A binary or entrypoint built for one architecture was executed on another (bash, sh, Go\'s os/exec, go test, container entrypoints).',
  'qemu-binfmt-missing': 'A foreign-platform step (a docker buildx RUN for another platform) failed because no emulator is registered with binfmt_misc, or it crashed.',
  'dlopen-arch-mismatch': 'A shared library, plugin or native module of the wrong architecture was loaded.',
  'cgo-cross-linker': 'The C toolchain failed while cross-compiling cgo code: a host compiler given another architecture\'s flags, libraries of the wrong architecture, no cross compiler.',
  'cgo-disabled': 'Code that needs cgo was built with cgo off, explicitly (CGO_ENABLED=0) or because a cross build without CC turns it off.',
  'unsupported-platform': 'A GOOS/GOARCH pair or spelling Go does not know (GOARCH=aarch64), or a platform a tool or installer does not support.',
  'image-platform-mismatch': 'A container image without the requested platform, or run on a host of another platform.',
  'not-architecture': 'A look-alike: the build failed for a reason that is not the CPU architecture (checksum mismatch, missing C compiler on a native build, a script without a shebang...). goarch names the nearest cause and a hint.',
};
