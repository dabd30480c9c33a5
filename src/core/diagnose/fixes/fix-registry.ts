import type { FailureClass } from '../../model/failure-class.js';
import type { FixStrategy } from '../fix-context.js';
import { cgoCrossLinkerFix } from './cgo-cross-linker-fix.js';
import { cgoDisabledFix } from './cgo-disabled-fix.js';
import { dlopenFix } from './dlopen-fix.js';
import { execFormatFix } from './exec-format-fix.js';
import { imagePlatformFix } from './image-platform-fix.js';
import { qemuBinfmtFix } from './qemu-binfmt-fix.js';
import { unsupportedPlatformFix } from './unsupported-platform-fix.js';

/** One fix strategy per failure class: the explicit registry. */
export const FIX_STRATEGIES: Record<FailureClass, FixStrategy> = {
  'exec-format-error': execFormatFix,
  'qemu-binfmt-missing': qemuBinfmtFix,
  'dlopen-arch-mismatch': dlopenFix,
  'cgo-cross-linker': cgoCrossLinkerFix,
  'cgo-disabled': cgoDisabledFix,
  'unsupported-platform': unsupportedPlatformFix,
  'image-platform-mismatch': imagePlatformFix,
};
