import type { RepoRef } from './repo-ref.js';

/** A branch and the commit at its head. */
export interface BranchHead {
  name: string;
  sha: string;
  /** The tree of the head commit. */
  treeSha: string;
}

/** A pull request found by its head branch. */
export interface BranchPullRequest {
  number: number;
  url: string;
  state: 'open' | 'closed';
  merged: boolean;
  /** The commit at the head of the pull request's branch. */
  headSha: string;
  body: string;
}

/** One commit that replaces one file, made on top of `parentSha` (the branch is moved separately). */
export interface FileCommit {
  parentSha: string;
  baseTreeSha: string;
  path: string;
  content: string;
  message: string;
}

/**
 * The port through which fix pull requests are written: read the default branch and a file, make one
 * commit, point a `goarch/` branch at it, open or edit the pull request. Implemented over Octokit in
 * src/github (`octokitRepoWriter`), which refuses to move any branch outside `goarch/fix-`.
 */
export interface RepoWriter {
  /** The repository's default branch and its head commit. */
  defaultBranch(repo: RepoRef): Promise<BranchHead>;
  /** A file's text at a commit (null ref: the default branch); null when the file does not exist there. */
  readFile(repo: RepoRef, path: string, ref: string | null): Promise<string | null>;
  /** The pull request whose head is `branch` of this repository: an open one first, else the newest; null when none. */
  findPullRequest(repo: RepoRef, branch: string): Promise<BranchPullRequest | null>;
  /** The commit `branch` points at; null when there is no such branch. */
  branchHead(repo: RepoRef, branch: string): Promise<string | null>;
  createCommit(repo: RepoRef, commit: FileCommit): Promise<{ sha: string }>;
  /** Points `branch` at `sha`: creates it (`exists: false`; never moves a branch that appeared meanwhile), or force-moves it. */
  pointBranch(repo: RepoRef, branch: string, sha: string, options: { exists: boolean }): Promise<void>;
  /** Opens the pull request; `existed` when a concurrent job opened one for the same branch first (that one is returned). */
  createPullRequest(repo: RepoRef, pr: { title: string; body: string; head: string; base: string }): Promise<{ number: number; url: string; existed: boolean }>;
  updatePullRequest(repo: RepoRef, number: number, pr: { title: string; body: string }): Promise<void>;
}
