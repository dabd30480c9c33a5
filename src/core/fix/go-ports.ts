/** Moved to the platform module; kept so older imports still resolve. */
export { GO_PORTS } from '../platform/index.js';
