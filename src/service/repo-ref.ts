/** A repository on a CI host: its owner (user, organisation, group) and name. */
export interface RepoRef {
  owner: string;
  repo: string;
}
