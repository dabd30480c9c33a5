/** Moved to the platform module; kept so older imports still resolve. */
export { ARCHES, ELF_MACHINES, VALID_GOARCH, VALID_GOOS, devPackageFor, toGoarch } from '../platform/index.js';
export type { ArchInfo } from '../platform/index.js';
