/** Every branch goarch writes starts with this; nothing else is ever moved. */
export const FIX_BRANCH_PREFIX = 'goarch/fix-';

/** The branch of the fix pull request for one incident: `goarch/fix-<first 8 of the fingerprint>`. */
export function fixBranch(fingerprint: string): string {
  return `${FIX_BRANCH_PREFIX}${fingerprint.slice(0, 8)}`;
}
