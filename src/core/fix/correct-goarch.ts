/** Moved to the platform module; kept so older imports still resolve. */
export { correctGoarch } from '../platform/index.js';
