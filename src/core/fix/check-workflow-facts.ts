// The one import site of the known platform values: re-point it when the platform module replaces arch-table.
import { VALID_GOARCH, VALID_GOOS, toGoarch } from '../diagnose/arch-table.js';
import type { Incident } from '../model/index.js';

/** A name as it may appear in a workflow: no space, quote, `$`, backtick, newline or YAML flow character. */
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}$/;
const VARIANT = /^v[1-9]$/;
/** Facts that strategies may write into a workflow, and how each must look. */
const FACT_CHECKS: Record<string, (value: string) => boolean> = {
  goarch: (value) => TOKEN.test(value) && value.length <= 32,
  goos: (value) => VALID_GOOS.has(value),
  goarm: (value) => /^[5-7]$/.test(value),
  platform: (value) => platformList(value),
  target: (value) => platformList(value),
  cc: (value) => TOKEN.test(value),
  runner: (value) => TOKEN.test(value),
  image: (value) => /^[a-z0-9][a-z0-9._/:@-]{0,199}$/.test(value),
};

export type FactsCheck = { ok: true } | { ok: false; field: string };

/**
 * Checks, before any workflow edit, that every fact a fix strategy may write (GOOS, GOARCH, GOARM,
 * platform, runner label, image, compiler) is a value goarch knows or a plain name: a log is written
 * by whoever controls the run, and its text must never become workflow code. The first bad field is named.
 */
export function checkWorkflowFacts(incident: Incident): FactsCheck {
  for (const [side, platform] of [['host', incident.host], ['target', incident.target]] as const) {
    if (platform === null || platform === undefined) continue;
    if (platform.goos !== null && !VALID_GOOS.has(platform.goos)) return { ok: false, field: `${side}.goos` };
    // A known spelling people use instead (aarch64, x86_64) is a known value too: fix-goarch-spelling corrects it.
    if (platform.goarch !== null && !VALID_GOARCH.has(platform.goarch) && toGoarch(platform.goarch) === null) return { ok: false, field: `${side}.goarch` };
    if (platform.variant !== undefined && platform.variant !== null && !VARIANT.test(platform.variant)) return { ok: false, field: `${side}.variant` };
  }
  for (const [name, check] of Object.entries(FACT_CHECKS)) {
    const value = incident.facts[name];
    if (value !== undefined && !check(value)) return { ok: false, field: `facts.${name}` };
  }
  return { ok: true };
}

/** `os/arch[/variant]`, comma-separated (buildx's `platforms`), every part known. */
function platformList(value: string): boolean {
  if (value.length > 512) return false;
  return value.split(',').every((item) => {
    const [os, arch, variant, ...rest] = item.trim().split('/');
    return rest.length === 0 && os !== undefined && VALID_GOOS.has(os) && arch !== undefined && (VALID_GOARCH.has(arch) || toGoarch(arch) !== null) && (variant === undefined || VARIANT.test(variant));
  });
}
