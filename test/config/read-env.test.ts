import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/read-env.js';

describe('readEnv', () => {
  it('merges .env under the environment, which wins', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'goarch-env-'));
    writeFileSync(join(cwd, '.env'), 'PORT=4000\nLOG_LEVEL=debug\nPRIVATE_KEY="line1\nline2"\n');
    expect(readEnv({ cwd, environment: { PORT: '5000' } })).toEqual({ PORT: '5000', LOG_LEVEL: 'debug', PRIVATE_KEY: 'line1\nline2' });
  });

  it('is the environment alone without a .env file', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'goarch-env-'));
    expect(readEnv({ cwd, environment: { A: '1' } })).toEqual({ A: '1' });
  });
});
