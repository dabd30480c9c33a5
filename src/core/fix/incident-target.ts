import type { Incident } from '../model/index.js';

/** The GOOS/GOARCH the failing build was for, from the incident's target platform or its facts. */
export function incidentTarget(incident: Pick<Incident, 'target' | 'facts'>): { goos: string | null; goarch: string | null } {
  const facts = incident.facts;
  const parsed = parsePlatform(facts['target'] ?? facts['platform'] ?? '');
  return {
    goos: incident.target?.goos ?? facts['goos'] ?? parsed.goos,
    goarch: incident.target?.goarch ?? facts['goarch'] ?? parsed.goarch,
  };
}

function parsePlatform(text: string): { goos: string | null; goarch: string | null } {
  const match = /^\s*([a-z0-9]+)\/([a-z0-9_]+)/.exec(text);
  return { goos: match?.[1] ?? null, goarch: match?.[2] ?? null };
}
