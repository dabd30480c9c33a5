import { cgoDisabledFix } from '../diagnose/fixes/cgo-disabled-fix.js';
import type { FailureClassModule } from './failure-class-module.js';

/** `cgo-disabled`: what it is, why it happens, how goarch fixes it. */
export const cgoDisabled: FailureClassModule<'cgo-disabled'> = {
  id: 'cgo-disabled',
  summary: 'code that needs cgo was built with cgo off, explicitly or because a cross build without `CC` turns it off',
  explanation: 'The code needs cgo, but it was built with cgo off: set explicitly, or turned off by Go for a cross build without a C cross compiler (CC).',
  evidence: ['build constraints exclude all Go files', 'undefined:', 'requires cgo to work', '-race requires cgo'],
  planFix: cgoDisabledFix,
};
