import { verdictOf, type Diagnosis } from '../model/incident.js';
import type { RuleSet } from '../rules/rule-set.js';
import { LogScanner, type ScanOptions } from '../scan/log-scanner.js';
import type { ScanResult } from '../scan/log-scanner.js';
import { buildIncidents, findNearestCause } from './build-incidents.js';

export interface DiagnoseOptions extends ScanOptions {
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytes: number) => void;
}

/**
 * The use case: a log stream in, a diagnosis out.
 * 1. stream the chunks through the scanner (nothing but a small window is held);
 * 2. turn its rule matches into incidents with facts, fingerprints and fixes.
 * Accepts any (async) iterable of bytes: a file stream, stdin, a fetch body, an array of chunks.
 */
export async function diagnoseLog(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, rules: RuleSet, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  const scanner = new LogScanner(rules, options);
  for await (const chunk of source) {
    const more = scanner.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    options.onProgress?.(scanner.bytesRead());
    if (!more) break;
  }
  return toDiagnosis(scanner.finish());
}

/** Synchronous form for text already in memory (rule examples, tests, Slack pastes). */
export function diagnoseText(text: string, rules: RuleSet): Diagnosis {
  const scanner = new LogScanner(rules);
  scanner.push(new TextEncoder().encode(text));
  return toDiagnosis(scanner.finish());
}

/** Incidents, or else the nearest look-alike, and the verdict that follows. */
function toDiagnosis(scan: ScanResult): Diagnosis {
  const incidents = buildIncidents(scan);
  const nearest = incidents.length === 0 ? findNearestCause(scan) : null;
  return { incidents, lines: scan.lines, bytes: scan.bytes, truncated: scan.truncated, verdict: verdictOf({ incidents, nearest }), nearest };
}
