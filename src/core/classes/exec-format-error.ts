import { execFormatFix } from '../diagnose/fixes/exec-format-fix.js';
import type { FailureClassModule } from './failure-class-module.js';

/** `exec-format-error`: what it is, why it happens, how goarch fixes it. */
export const execFormatError: FailureClassModule<'exec-format-error'> = {
  id: 'exec-format-error',
  summary: 'a binary or entrypoint built for one architecture was executed on another (bash, sh, Go\'s os/exec, `go test`, container entrypoints)',
  explanation: 'The kernel refuses to run a program whose machine code is for another CPU: the binary was built (or downloaded) for one architecture and executed on a runner of another, without an emulator.',
  evidence: ['cannot execute binary file: Exec format error', 'fork/exec ./bin/x: exec format error', 'exec /usr/local/bin/app: exec format error'],
  planFix: execFormatFix,
};
