import { imagePlatformFix } from '../diagnose/fixes/image-platform-fix.js';
import type { FailureClassModule } from './failure-class-module.js';

/** `image-platform-mismatch`: what it is, why it happens, how goarch fixes it. */
export const imagePlatformMismatch: FailureClassModule<'image-platform-mismatch'> = {
  id: 'image-platform-mismatch',
  summary: 'a container image without the requested platform, or run on a host of another platform',
  explanation: 'The container image has no variant for the requested platform, or runs on a host of another platform without emulation.',
  evidence: ['no matching manifest for linux/arm64/v8', 'no match for platform in manifest'],
  planFix: imagePlatformFix,
};
