import { unsupportedPlatformFix } from '../diagnose/fixes/unsupported-platform-fix.js';
import type { FailureClassModule } from './failure-class-module.js';

/** `unsupported-platform`: what it is, why it happens, how goarch fixes it. */
export const unsupportedPlatform: FailureClassModule<'unsupported-platform'> = {
  id: 'unsupported-platform',
  summary: 'a GOOS/GOARCH pair or spelling, or a platform a tool or installer does not support',
  explanation: 'The GOOS/GOARCH pair, its spelling, or the platform is not one the toolchain, tool or installer supports.',
  evidence: ['unsupported GOOS/GOARCH pair linux/aarch64', 'platform linux/arm64 is not supported'],
  planFix: unsupportedPlatformFix,
};
