import { join } from 'node:path';

/** Variables a CI job may inherit that would change what the scenarios do; the lab never inherits them. */
const SCRUBBED = ['GOOS', 'GOARCH', 'GOARM', 'GO386', 'GOAMD64', 'CGO_ENABLED', 'CC', 'CXX', 'CGO_CFLAGS', 'CGO_LDFLAGS', 'CGO_CPPFLAGS', 'GOROOT', 'GOPATH', 'GOENV', 'GOFLAGS', 'GOPROXY', 'GOTOOLCHAIN', 'GOCACHE', 'GOMODCACHE'];

/** The base environment of every lab process: offline Go, a shared build cache, an English C locale. */
export function labEnv(inherited: NodeJS.ProcessEnv, workDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...inherited };
  for (const key of SCRUBBED) delete env[key];
  return {
    ...env,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
    GOENV: 'off',
    GOCACHE: join(workDir, 'gocache'),
    GOPATH: join(workDir, 'gopath'),
    DEBIAN_FRONTEND: 'noninteractive',
  };
}
