/** Moved to the platform module; kept so older imports still resolve. */
export { crossCompilerFor } from '../platform/index.js';
export type { CrossCompiler } from '../platform/index.js';
