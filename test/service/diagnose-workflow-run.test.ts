import { describe, expect, it } from 'vitest';
import { diagnoseWorkflowRun } from '../../src/service/diagnose-workflow-run.js';
import type { RunLogs } from '../../src/service/ci-host.js';
import { ServiceError } from '../../src/service/service-error.js';
import { shippedRules } from '../support/rules.js';

const EXEC = 'bash: /usr/local/bin/gh: cannot execute binary file: Exec format error\n';

function actions(logs: Record<number, string | 'gone'>): RunLogs {
  return {
    async listJobs() {
      return [
        { id: 1, name: 'arm64', conclusion: 'failure', url: 'u1', failedStep: 2 },
        { id: 2, name: 'arm64 again', conclusion: 'failure', url: 'u2', failedStep: null },
        { id: 3, name: 'gone', conclusion: 'timed_out', url: 'u3', failedStep: null },
        { id: 4, name: 'lint', conclusion: 'success', url: 'u4', failedStep: null },
      ];
    },
    async openJobLog(_run, jobId) {
      const log = logs[jobId];
      if (log === undefined) throw new Error(`log of job ${jobId} was not expected to be read`);
      if (log === 'gone') throw new ServiceError('log-gone', 'gone', { retryable: false });
      const bytes = new TextEncoder().encode(log);
      return (async function* () {
        yield bytes;
      })();
    },
  };
}

describe('diagnoseWorkflowRun', () => {
  it('reads only failed jobs, merges one incident seen in two jobs, records a gone log', async () => {
    const scanned: number[] = [];
    const result = await diagnoseWorkflowRun(
      { owner: 'o', repo: 'r', runId: 9 },
      { actions: actions({ 1: EXEC, 2: EXEC, 3: 'gone' }), rules: shippedRules(), maxLogBytes: 1 << 20, now: () => 0, onScanned: (s) => scanned.push(s.bytes) },
    );
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]?.incident.class).toBe('exec-format-error');
    expect(result.incidents[0]?.jobs.map((j) => j.id)).toEqual([1, 2]);
    expect(result.scans.map((s) => [s.job.id, s.outcome, s.incidents])).toEqual([
      [1, 'scanned', 1],
      [2, 'scanned', 1],
      [3, 'log-gone', 0],
    ]);
    expect(scanned).toEqual([EXEC.length, EXEC.length]);
  });

  it('keeps only the configured classes', async () => {
    const result = await diagnoseWorkflowRun(
      { owner: 'o', repo: 'r', runId: 9 },
      { actions: actions({ 1: EXEC, 2: EXEC, 3: 'gone' }), rules: shippedRules(), maxLogBytes: 1 << 20, now: () => 0, classes: ['cgo-disabled'] },
    );
    expect(result.incidents).toEqual([]);
  });
});
