import type { FailureClass } from '../model/failure-class.js';
import { cgoCrossLinker } from './cgo-cross-linker.js';
import { cgoDisabled } from './cgo-disabled.js';
import { dlopenArchMismatch } from './dlopen-arch-mismatch.js';
import { execFormatError } from './exec-format-error.js';
import { imagePlatformMismatch } from './image-platform-mismatch.js';
import { qemuBinfmtMissing } from './qemu-binfmt-missing.js';
import { unsupportedPlatform } from './unsupported-platform.js';
import type { FailureClassModule } from './failure-class-module.js';

/**
 * Every failure class, each from its one module in this folder: keyed by id, so the compiler refuses a
 * class of FAILURE_CLASSES without its module. Tests loop over it (test/core/classes).
 */
export const FAILURE_CLASS_MODULES: { readonly [C in FailureClass]: FailureClassModule<C> } = {
  'exec-format-error': execFormatError,
  'qemu-binfmt-missing': qemuBinfmtMissing,
  'dlopen-arch-mismatch': dlopenArchMismatch,
  'cgo-cross-linker': cgoCrossLinker,
  'cgo-disabled': cgoDisabled,
  'unsupported-platform': unsupportedPlatform,
  'image-platform-mismatch': imagePlatformMismatch,
};
