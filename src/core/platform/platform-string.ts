import { ARCHES } from './arch-table.js';

/** The OCI/Docker platform of a GOOS/GOARCH (+GOARM or variant): linux/arm/v7, linux/arm64, linux/amd64. */
export function ociPlatform(goos: string | null, goarch: string, variant?: string | null): string {
  const os = goos ?? 'linux';
  const v = variant ? (variant.startsWith('v') ? variant : `v${variant}`) : null;
  if (goarch === 'arm') return `${os}/arm/${v ?? 'v7'}`;
  if (v && goarch !== 'arm64') return `${os}/${goarch}/${v}`;
  const base = ARCHES[goarch]?.oci.split('/').slice(1).join('/') ?? goarch;
  return `${os}/${base}`;
}
