/** The package managers goarch writes install commands for. */
export type PackageManager = 'apt' | 'apk' | 'dnf' | 'pacman' | 'brew';

/** The install command of a package manager, as run in CI (non-interactive, with privileges where needed). */
export function installCommand(pm: PackageManager, packages: string[], sudo = true): string[] {
  const s = sudo ? 'sudo ' : '';
  const list = packages.join(' ');
  switch (pm) {
    case 'apt':
      return [`${s}apt-get update`, `${s}apt-get install -y ${list}`];
    case 'apk':
      return [`apk add --no-cache ${list}`];
    case 'dnf':
      return [`${s}dnf install -y ${list}`];
    case 'pacman':
      return [`${s}pacman -Sy --noconfirm ${list}`];
    case 'brew':
      return [`brew install ${list}`];
  }
}
