import type { IncidentSummary } from './incident-store.js';

/** Most counted first, then most recent, then a stable order. */
export function rankSummaries(a: IncidentSummary, b: IncidentSummary): number {
  return (
    b.count - a.count ||
    b.lastSeen - a.lastSeen ||
    a.scope.localeCompare(b.scope) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}
