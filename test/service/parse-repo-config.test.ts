import { describe, expect, it } from 'vitest';
import { parseRepoConfig } from '../../src/service/repo-config.js';

describe('parseRepoConfig', () => {
  it('fills every default for an absent or empty file', () => {
    const defaults = { enabled: true, classes: null, output: 'comment', ignoreWorkflows: [], maxLogBytes: null, autofix: false };
    expect(parseRepoConfig(null)).toEqual({ ok: true, config: defaults });
    expect(parseRepoConfig({})).toEqual({ ok: true, config: defaults });
  });

  it('reads every setting, sizes with units included', () => {
    expect(parseRepoConfig({ enabled: false, classes: ['exec-format-error'], output: 'both', ignoreWorkflows: ['Docs'], maxLogBytes: '50MB', autofix: true, _extends: '.github' })).toEqual({
      ok: true,
      config: { enabled: false, classes: ['exec-format-error'], output: 'both', ignoreWorkflows: ['Docs'], maxLogBytes: 50 * 1024 * 1024, autofix: true },
    });
  });

  it.each([
    [true, true],
    [false, false],
    ['dry-run', 'dry-run'],
  ])('reads autofix: %j', (value, autofix) => {
    expect(parseRepoConfig({ autofix: value })).toMatchObject({ ok: true, config: { autofix } });
  });

  it.each([
    [{ autofix: 'yes' }, 'autofix'],
    [{ output: 'pr-comment' }, 'output'],
    [{ classes: ['arm-trouble'] }, 'classes.0'],
    [{ classes: [] }, 'classes'],
    [{ maxLogBytes: 10 }, 'maxLogBytes'],
    [{ maxLogBytes: '2TB' }, 'maxLogBytes'],
    [{ enabled: 'yes' }, 'enabled'],
    [{ ignoreWorkflow: ['CI'] }, 'ignoreWorkflow'],
    [['output'], '(file)'],
  ])('names the bad key of %j', (value, key) => {
    const result = parseRepoConfig(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.key).toBe(key);
  });
});
