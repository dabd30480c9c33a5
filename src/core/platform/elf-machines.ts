import { ARCHES } from './arch-table.js';

/** ELF e_machine numbers (`Relocations in generic ELF (EM: 183)`) → GOARCH, from the one arch table. */
export const ELF_MACHINES: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = { '20': 'ppc' };
  for (const a of Object.values(ARCHES)) {
    // Several arches share a machine number (MIPS, PowerPC 64): the little-endian 64-bit one most logs show wins.
    out[String(a.elfMachine)] ??= a.goarch;
  }
  out['8'] = 'mips';
  out['21'] = 'ppc64le';
  return out;
})();
