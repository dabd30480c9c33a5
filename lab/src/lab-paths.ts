import { join, resolve } from 'node:path';

/** Every directory the lab reads or writes, derived from the repository root. */
export interface LabPaths {
  root: string;
  scenarios: string;
  /** Scratch space (gitignored): workspaces, the Go cache, temp step scripts. */
  work: string;
  fixtures: string;
  cli: string;
}

export function labPaths(root: string, cli: string | null): LabPaths {
  return {
    root,
    scenarios: join(root, 'lab', 'scenarios'),
    work: join(root, 'lab', '.work'),
    fixtures: join(root, 'fixtures', 'logs', 'lab'),
    cli: cli === null ? join(root, 'dist', 'cli.js') : resolve(cli),
  };
}
