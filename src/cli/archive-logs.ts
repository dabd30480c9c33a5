import type { LogUnit, SkippedMember } from './log-unit.js';
import { shown, type ZipArchive, type ZipEntry } from './zip-archive.js';

/** `3_Build.txt`: the order and name of a step (in a job's folder) or of a job (at the top). */
const NUMBERED = /^(\d{1,6})_(.{1,300})\.txt$/;

/**
 * Turns GitHub's log archive into the logs to diagnose. The archive holds, per job, its whole log at the
 * top (`0_build.txt`) and/or a folder of step logs (`build/3_Build.txt`). A job with a whole log is read
 * from it; a job with only step logs is read from them joined in step order, so that what one step
 * printed (the runner, `go env`) still informs the next; any other file is read on its own.
 */
export function archiveLogs(archive: ZipArchive, maxEntryBytes: () => number): { units: LogUnit[]; skipped: SkippedMember[] } {
  const files = archive.entries.filter((e) => !e.name.endsWith('/'));
  const skipped: SkippedMember[] = [];
  const topJobs = new Map<string, string>();
  const units: LogUnit[] = [];
  const folders = new Map<string, Array<{ entry: ZipEntry; order: number; step: string }>>();
  for (const entry of files) {
    const slash = entry.name.lastIndexOf('/');
    const base = entry.name.slice(slash + 1);
    const m = NUMBERED.exec(base);
    if (entry.method !== 0 && entry.method !== 8) {
      skipped.push({ name: shown(entry.name), job: null, step: null, reason: `compression method ${entry.method} is not supported (stored and deflate are)` });
      continue;
    }
    if (slash === -1) {
      const job = m?.[2] ?? null;
      if (job !== null) topJobs.set(job, entry.name);
      units.push(memberUnits(archive, [{ entry, step: null }], shown(entry.name), job === null ? null : shown(job), maxEntryBytes));
      continue;
    }
    const folder = entry.name.slice(0, slash);
    const list = folders.get(folder) ?? [];
    list.push({ entry, order: m ? Number(m[1]) : Number.MAX_SAFE_INTEGER, step: m?.[2] ?? base });
    folders.set(folder, list);
  }
  for (const [folder, steps] of folders) {
    const whole = topJobs.get(folder);
    if (whole !== undefined) {
      for (const s of steps) skipped.push({ name: shown(s.entry.name), job: shown(folder), step: shown(s.step), reason: `the job's whole log ${shown(whole)} was read instead` });
      continue;
    }
    steps.sort((a, b) => a.order - b.order || a.entry.name.localeCompare(b.entry.name));
    units.push(memberUnits(archive, steps.map((s) => ({ entry: s.entry, step: shown(s.step) })), `${shown(folder)}/`, shown(folder), maxEntryBytes));
  }
  return { units, skipped };
}

function memberUnits(archive: ZipArchive, members: Array<{ entry: ZipEntry; step: string | null }>, name: string, job: string | null, maxEntryBytes: () => number): LogUnit {
  const starts: number[] = [];
  async function* stream(): AsyncGenerator<Uint8Array> {
    let line = 1;
    let last = 0x0a;
    for (const { entry } of members) {
      if (last !== 0x0a) {
        line++;
        yield Buffer.from('\n');
      }
      starts.push(line);
      last = 0x0a;
      for await (const chunk of archive.read(entry, maxEntryBytes())) {
        if (chunk.length === 0) continue;
        for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) line++;
        last = chunk[chunk.length - 1] ?? last;
        yield chunk;
      }
    }
  }
  return {
    name,
    job,
    step: members.length === 1 ? (members[0]?.step ?? null) : null,
    stream: stream(),
    locate(line) {
      let k = 0;
      while (k + 1 < starts.length && (starts[k + 1] ?? Infinity) <= line) k++;
      const m = members[k];
      if (m === undefined) return null;
      return { member: shown(m.entry.name), job, step: m.step, line: line - (starts[k] ?? 1) + 1 };
    },
  };
}
