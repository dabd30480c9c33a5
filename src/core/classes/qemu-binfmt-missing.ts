import { qemuBinfmtFix } from '../diagnose/fixes/qemu-binfmt-fix.js';
import type { FailureClassModule } from './failure-class-module.js';

/** `qemu-binfmt-missing`: what it is, why it happens, how goarch fixes it. */
export const qemuBinfmtMissing: FailureClassModule<'qemu-binfmt-missing'> = {
  id: 'qemu-binfmt-missing',
  summary: 'a foreign-platform step failed because no emulator is registered with binfmt_misc (or it crashed)',
  explanation: 'A build or run for a foreign platform needs an emulator registered with binfmt_misc (QEMU); without it, or when it crashes, the first foreign program in the step fails.',
  evidence: ['#19 0.081 exec /bin/sh: exec format error', '[linux/arm64 …] RUN', 'qemu: uncaught target signal'],
  planFix: qemuBinfmtFix,
};
