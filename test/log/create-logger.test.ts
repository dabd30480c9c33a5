import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/create-logger.js';
import { requestContext } from '../../src/log/request-context.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, logger: createLogger({ level: 'info', pretty: false, destination }) };
}

describe('createLogger', () => {
  it('adds the request ids to lines written inside a request without leaking one line\'s fields into the next', () => {
    const { lines, logger } = capture();
    requestContext.run({ reqId: 'r1', delivery: 'd1' }, () => {
      logger.info({ body: 'first' }, 'one');
      logger.info({}, 'two');
    });
    expect(lines[0]).toMatchObject({ reqId: 'r1', delivery: 'd1', body: 'first' });
    expect(lines[1]).toMatchObject({ reqId: 'r1', delivery: 'd1', msg: 'two' });
    expect(lines[1]).not.toHaveProperty('body');
  });

  it('writes JSON with a string level, a fixed message and the metadata object', () => {
    const { lines, logger } = capture();
    logger.child({ reqId: 'r1', delivery: 'd1' }).info({ event: 'workflow_run' }, 'webhook received');
    expect(lines[0]).toMatchObject({ level: 'info', service: 'goarch', reqId: 'r1', delivery: 'd1', event: 'workflow_run', msg: 'webhook received' });
  });

  it.each([
    ['authorization header', { req: { headers: { authorization: 'token ghs_secret' } } }],
    ['signature header', { req: { headers: { 'x-hub-signature-256': 'sha256=abc' } } }],
    ['slack signature header', { headers: { 'x-slack-signature': 'v0=abc' } }],
    ['token', { auth: { token: 'ghs_secret' } }],
    ['private key', { privateKey: '-----BEGIN RSA PRIVATE KEY-----' }],
    ['PRIVATE_KEY', { env: { PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----' } }],
    ['webhook secret', { webhookSecret: 'shh' }],
    ['signing secret', { slack: { signingSecret: 'shh' } }],
    ['bot token', { slack: { botToken: 'xoxb-1' } }],
    ['octokit request authorization', { err: { request: { headers: { authorization: 'bearer x' } } } }],
    ['webhook event on an error', { err: { message: 'signature does not match', event: { payload: '{}', signature: 'sha256=abc' } } }],
  ])('redacts the %s', (_name, metadata) => {
    const { lines, logger } = capture();
    logger.info(metadata, 'redaction check');
    const text = JSON.stringify(lines[0]);
    expect(text).toContain('[redacted]');
    expect(text).not.toMatch(/ghs_secret|sha256=abc|v0=abc|BEGIN RSA|shh|xoxb-1|bearer x/);
  });
});
