import { cgoCrossLinkerFix } from '../diagnose/fixes/cgo-cross-linker-fix.js';
import type { FailureClassModule } from './failure-class-module.js';

/** `cgo-cross-linker`: what it is, why it happens, how goarch fixes it. */
export const cgoCrossLinker: FailureClassModule<'cgo-cross-linker'> = {
  id: 'cgo-cross-linker',
  summary: 'the C toolchain failed while cross-compiling cgo code',
  explanation: 'Cross-compiling cgo code needs a C toolchain for the target; the host\'s compiler, linker or libraries were used instead, or the cross compiler is missing.',
  evidence: ['skipping incompatible', 'file in wrong format', 'Relocations in generic ELF (EM: 62)', 'unrecognized command-line option \'-marm\'', 'gcc_arm64.S: Assembler messages', 'cgo: C compiler "aarch64-linux-gnu-gcc" not found', 'Undefined symbols for architecture arm64'],
  planFix: cgoCrossLinkerFix,
};
