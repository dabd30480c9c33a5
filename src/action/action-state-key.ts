/**
 * The key that seals the state kept in goarch's comment when the Action runs.
 *
 * With the `state-key` input (a repository secret) the seal is what it is for the App: nobody without
 * the secret can write state goarch will read. Without it there is no secret a workflow can keep from
 * one run to the next, so the key is derived from the repository's id, which is public: the seal then
 * only keeps state copied from another repository's comment (or damaged by an edit) from being read.
 * What stands between a stranger and the state is the author check: only comments written by
 * `comment-author` (the workflow token's `github-actions[bot]`) are read, and only this repository's
 * workflows with a write token can comment as it; a fork's `pull_request` run gets a read-only token.
 * Anyone who can run such a workflow can already change goarch's comment by other means. What forged
 * state can do is limited, not nothing: it is checked against the shape goarch writes and rendered escaped
 * like any log text, but an earlier incident's title, fix and links are shown as stored (an attack review
 * re-published a forged fix command this way). Set `state-key` wherever another workflow of the
 * repository comments on pull requests with GITHUB_TOKEN.
 */
export function actionStateKey(stateKey: string | null, repositoryId: number): string {
  return stateKey ?? `goarch-action:repository:${repositoryId}`;
}
