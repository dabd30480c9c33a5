import { dlopenFix } from '../diagnose/fixes/dlopen-fix.js';
import type { FailureClassModule } from './failure-class-module.js';

/** `dlopen-arch-mismatch`: what it is, why it happens, how goarch fixes it. */
export const dlopenArchMismatch: FailureClassModule<'dlopen-arch-mismatch'> = {
  id: 'dlopen-arch-mismatch',
  summary: 'a library, plugin or native module of the wrong architecture was loaded',
  explanation: 'A library, plugin or native module was built for another architecture (or word size) than the process loading it, so the loader refuses it.',
  evidence: ['wrong ELF class: ELFCLASS32', '(have \'x86_64\', need \'arm64\')', 'can\'t load AMD 64-bit .so on a AARCH64-bit platform', '.so'],
  planFix: dlopenFix,
};
