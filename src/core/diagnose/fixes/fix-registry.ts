import { FAILURE_CLASS_MODULES } from '../../classes/failure-class-modules.js';
import type { FailureClass } from '../../model/failure-class.js';
import type { FixStrategy } from '../fix-context.js';

/** The fix planner of each failure class, from its module in src/core/classes (its one home). */
export const FIX_STRATEGIES: { readonly [C in FailureClass]: FixStrategy } = {
  'exec-format-error': FAILURE_CLASS_MODULES['exec-format-error'].planFix,
  'qemu-binfmt-missing': FAILURE_CLASS_MODULES['qemu-binfmt-missing'].planFix,
  'dlopen-arch-mismatch': FAILURE_CLASS_MODULES['dlopen-arch-mismatch'].planFix,
  'cgo-cross-linker': FAILURE_CLASS_MODULES['cgo-cross-linker'].planFix,
  'cgo-disabled': FAILURE_CLASS_MODULES['cgo-disabled'].planFix,
  'unsupported-platform': FAILURE_CLASS_MODULES['unsupported-platform'].planFix,
  'image-platform-mismatch': FAILURE_CLASS_MODULES['image-platform-mismatch'].planFix,
};
