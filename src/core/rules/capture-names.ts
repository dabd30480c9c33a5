/**
 * The capture names a rule may use: the named groups of its patterns and context patterns, and the keys of
 * its `facts`. Each becomes a fact of the incident; the diagnosis, the fix planners and the hints read them
 * by these names, so a typo (`libpath`) would silently lose the target. The rule loader refuses any other
 * name, naming the file and the field. A name ending in a digit (`arch2`) is a second spelling of the
 * same fact in another alternative of one pattern (a group name may appear only once per pattern).
 */
export const CAPTURE_NAMES = {
  // Platforms: what was built for, what runs it.
  goos: 'GOOS of the build or binary (linux, darwin...)',
  goos2: 'goos, in another alternative',
  goarch: 'GOARCH of the build or binary (amd64, arm64...)',
  platform: 'an OCI or Go platform string (linux/arm64/v8)',
  platform2: 'platform, in another alternative',
  hostPlatform: "the Docker host's platform in a platform-mismatch warning",
  hostGoos: 'GOOS of the machine the build ran on, when the wording tells (only ld64 says it so: darwin)',
  hostGoarch: 'the architecture of the machine the build ran on, as the tool names it (Nix: aarch64)',
  imagePlatform: 'the platform of an image that was found but does not match',
  builtFor: 'the Apple platform an object was built for (iOS, iOS Simulator, macOS...)',
  supportedArch: 'an architecture an installer says it supports',
  goamd64: 'the GOAMD64 level (v2, v3, v4) a binary needs',
  goarm: 'the GOARM level (5, 6, 7) a binary needs',
  cpuLevel: 'set by a rule: the CPU is the right architecture but too old a level of it',
  arch: 'an architecture word as the tool printed it (aarch64, x86_64...)',
  arch2: "an installer naming the machine's architecture",
  arch3: 'arch2, in another alternative',
  assetOs: "an installer's download for the machine: its OS",
  assetArch: "an installer's download for the machine: its architecture",
  buildingFor: 'the architecture the Apple linker builds for',
  buildingFor2: 'buildingFor, in another alternative',
  qemuArch: 'the QEMU/binfmt architecture name (aarch64, riscv64...)',
  qemuLoader: 'the dynamic loader qemu-user could not open (no sysroot)',
  // Binaries and libraries.
  binary: 'the program that failed to run (path or name)',
  lib: 'a library name (-lfoo, libfoo.so)',
  libPath: 'the path of a library the linker skipped or could not load',
  libExt: 'the file extension of a native library (so, dylib, dll)',
  libCc: 'the compiler a cross-built native library was built with',
  object: 'an object file the linker refused',
  files: 'C files in a Go package built without cgo',
  elfMachine: 'an ELF e_machine (EM: 183)',
  elfClass: 'ELFCLASS32 or ELFCLASS64',
  elfBits: 'the word size a shell reports for a binary (32-bit, 64-bit)',
  bits: 'a word size a compiler was not built for (32, 64)',
  exe: 'the .exe suffix of a Windows tool name',
  have: 'the architecture a library or binary has (vs need)',
  have2: 'have, in another alternative',
  have3: 'have, in a third alternative',
  need: 'the architecture the process needs (vs have)',
  // Toolchain.
  cc: 'the C compiler (CC) in use',
  flag: 'a compiler or go flag (-marm, -race)',
  buildmode: 'a go -buildmode value',
  header: 'a missing C header (look-alike hints, sysroot)',
  startFile: 'a missing C start file (crt1.o) of a sysroot',
  symbol: 'an undefined symbol',
  symbolVersion: 'a versioned libc symbol (GLIBC_2.34)',
  // Containers.
  image: 'a container image reference',
  rootfs: 'the root filesystem a chroot ran in (debootstrap, image builders)',
  imageArch: 'the architecture in an image name (arm64v8/alpine)',
  // Go packages and modules; scripts; other evidence shown in hints.
  package: 'a Go package path',
  dir: 'a directory of Go files',
  module: 'a Go module path',
  goroot: 'a GOROOT directory (look-alike: read-only GOROOT)',
  pkgdir: 'a GOROOT pkg directory (goos_goarch)',
  tool: 'set by a rule: the tool that reported the error (nix)',
  test: 'a Go test name',
  script: 'a script that failed to start (look-alike hints)',
  shell: 'the shell that reported the error',
  signal: 'the signal an emulated process died of',
  version: 'a version an installer reported',
  detail: 'the rest of an emulator error message',
} as const satisfies Record<string, string>;

export type CaptureName = keyof typeof CAPTURE_NAMES;

export function isCaptureName(name: string): name is CaptureName {
  return Object.hasOwn(CAPTURE_NAMES, name);
}

/** The named groups of a pattern's source, in order: `(?<name>`, not lookbehinds, not escaped parentheses or classes. */
export function groupNamesOf(source: string): string[] {
  const names: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(' && source[i + 1] === '?' && source[i + 2] === '<') {
      let end = i + 3;
      while (end < source.length && /[A-Za-z0-9_]/.test(source[end] ?? '')) end++;
      if (end > i + 3 && source[end] === '>') names.push(source.slice(i + 3, end));
    }
  }
  return names;
}
