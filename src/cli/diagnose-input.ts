import { diagnoseLog } from '../core/diagnose/diagnose-log.js';
import type { Diagnosis } from '../core/model/incident.js';
import type { RuleSet } from '../core/rules/rule-set.js';
import { LOG_LIMITS } from './log-limits.js';
import type { LogInputs, LogUnit, SkippedMember } from './log-unit.js';
import { mergeDiagnoses, type MergedDiagnosis } from './merge-diagnoses.js';
import { openLog } from './open-log.js';

export interface DiagnoseInputOptions {
  /** --max-bytes: text scanned per log (per job of an archive); null: the defaults of LOG_LIMITS. */
  maxBytes: number | null;
  /** Called with the file's size (null: unknown) before reading, then with the bytes read so far. */
  onStart?: (size: number | null) => void;
  onProgress?: (bytes: number) => void;
}

/**
 * `goarch diagnose <input>`:
 * 1. open the input (plain, gzip, zip archive, gh output, recognised by its bytes; or a run URL);
 * 2. diagnose each of its logs in turn, each within its byte cap and the archive's;
 * 3. merge them, saying where each incident's evidence is.
 */
export async function diagnoseInput(input: string, from: Omit<LogInputs, 'maxBytes'>, rules: RuleSet, options: DiagnoseInputOptions): Promise<MergedDiagnosis> {
  // 1. Open.
  const opened = await openLog(input, { ...from, maxBytes: options.maxBytes });
  options.onStart?.(opened.size);
  const results: Array<{ unit: LogUnit; diagnosis: Diagnosis }> = [];
  const skipped: SkippedMember[] = [...opened.skipped];
  try {
    // 2. Diagnose each log.
    let total = 0;
    for (const unit of opened.units) {
      const room = opened.archive ? LOG_LIMITS.archiveBytes - total : Number.POSITIVE_INFINITY;
      if (room <= 0) {
        skipped.push({ name: unit.name ?? '', job: unit.job, step: unit.step, reason: `${opened.origin === 'run' ? "the run's" : "the archive's"} cap of ${LOG_LIMITS.archiveBytes / 1024 ** 3} GiB of log text was reached` });
        continue;
      }
      const cap = Math.min(options.maxBytes ?? opened.defaultMaxBytes ?? Number.POSITIVE_INFINITY, room);
      const diagnosis = await diagnoseLog(unit.stream, rules, {
        ...(Number.isFinite(cap) ? { maxBytes: cap } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      total += diagnosis.bytes;
      results.push({ unit, diagnosis });
    }
  } finally {
    await opened.close();
  }
  // 3. Merge.
  const merged = mergeDiagnoses(results, skipped, opened.archive);
  return opened.origin ? { ...merged, origin: opened.origin } : merged;
}
