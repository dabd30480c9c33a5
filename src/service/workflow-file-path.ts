/**
 * The repository file of a run's workflow (`workflow_run.path`), or null when the run has none goarch
 * may edit: dynamic workflows (`dynamic/...`), anything outside `.github/workflows/`. A ref suffix
 * (`ci.yml@refs/heads/main`) is dropped.
 */
export function workflowFilePath(path: string | null): string | null {
  if (path === null) return null;
  const file = path.replace(/@.*$/, '');
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(file) ? file : null;
}
