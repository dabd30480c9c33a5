import { openSync, readSync, closeSync } from 'node:fs';
import { ELF_MACHINES } from '../../src/core/platform/index.js';

/** The GOARCH an ELF file is for, read from its header (e_ident class/data, e_machine), or a reason it is not one. */
export function elfMachineOf(path: string): { goarch: string; bits: 32 | 64 } | { problem: string } {
  const head = Buffer.alloc(20);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { problem: `${path} does not exist` };
  }
  try {
    if (readSync(fd, head, 0, 20, 0) < 20 || head.readUInt32BE(0) !== 0x7f454c46) return { problem: `${path} is not an ELF file` };
  } finally {
    closeSync(fd);
  }
  const bits = head[4] === 2 ? 64 : 32;
  const machine = head[5] === 2 ? head.readUInt16BE(18) : head.readUInt16LE(18);
  const goarch = ELF_MACHINES[String(machine)] ?? `EM ${machine}`;
  return { goarch, bits };
}
