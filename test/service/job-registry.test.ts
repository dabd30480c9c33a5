import { describe, expect, it } from 'vitest';
import { GITHUB_JOB_KINDS } from '../../src/github/github-job.js';
import { JobRegistry } from '../../src/service/job-registry.js';
import { ServiceError } from '../../src/service/service-error.js';

const job = (name: string) => ({ id: 'j1', name, payload: {}, attempt: 1, maxAttempts: 3 });

describe('JobRegistry', () => {
  it('runs each job with the handler registered for its kind', async () => {
    const ran: string[] = [];
    const registry = new JobRegistry();
    registry.register(['diagnose-run', 'reply-help'], async (j) => void ran.push(`github ${j.name}`));
    registry.register(['gitlab-pipeline'], async (j) => void ran.push(`gitlab ${j.name}`));
    await registry.dispatch(job('reply-help'));
    await registry.dispatch(job('gitlab-pipeline'));
    expect(ran).toEqual(['github reply-help', 'gitlab gitlab-pipeline']);
  });

  it('refuses a kind registered twice, and drops a job of a kind nobody registered', async () => {
    const registry = new JobRegistry();
    registry.register(['diagnose-run'], async () => undefined);
    expect(() => registry.register(['diagnose-run'], async () => undefined)).toThrow('job kind diagnose-run is registered twice');
    const error = await registry.dispatch(job('mystery')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: 'job-kind-unknown', retryable: false });
  });

  it('knows every job kind the GitHub adapter enqueues', () => {
    const registry = new JobRegistry();
    registry.register(GITHUB_JOB_KINDS, async () => undefined);
    expect(registry.kinds().sort()).toEqual(['diagnose-check', 'diagnose-pr', 'diagnose-run', 'fix-pr-comment', 'open-fix-pr', 'reply-help', 'resolve-run']);
  });
});
