import type { DiagnosisOutput, IssueComment } from '../../src/service/diagnosis-output.js';

/** Pull request comments and check runs in memory, recording every write. */
export function fakeDiagnosisOutput() {
  const comments = new Map<number, IssueComment & { pullRequest: number }>();
  const checkRuns: { id: number; headSha: string; title: string; summary: string }[] = [];
  let next = 1;
  const output: DiagnosisOutput = {
    postKinds: { comment: 'fake-comment', check: 'fake-check' },
    scopePrefix: 'fake:',
    maxBodyChars: 65_536,
    async findComment(_repo, pullRequest, marker) {
      return [...comments.values()].find((c) => c.pullRequest === pullRequest && c.body.startsWith(marker)) ?? null;
    },
    async getComment(_repo, id) {
      return comments.get(id) ?? null;
    },
    async createComment(_repo, pullRequest, body) {
      const comment = { id: next++, body, url: `https://ci.example/pr/${pullRequest}#c`, pullRequest };
      comments.set(comment.id, comment);
      return comment;
    },
    async updateComment(_repo, id, body) {
      const found = comments.get(id);
      if (found !== undefined) comments.set(id, { ...found, body });
    },
    async createCheckRun(_repo, headSha, _name, out) {
      const check = { id: next++, headSha, title: out.title, summary: out.summary };
      checkRuns.push(check);
      return { id: check.id, url: `https://ci.example/check/${check.id}` };
    },
    async updateCheckRun(_repo, id, out) {
      const at = checkRuns.findIndex((c) => c.id === id);
      if (at !== -1) checkRuns[at] = { ...checkRuns[at]!, title: out.title, summary: out.summary };
    },
  };
  return { output, comments, checkRuns };
}
