import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signs and checks the state goarch keeps in its own comment, so nobody without the server's key can write one. */
export interface StateSeal {
  /** Hex HMAC-SHA256 of `payload`. */
  sign(payload: string): string;
  verify(payload: string, signature: string): boolean;
}

/** A seal over `key` (GithubAppConfig.stateKey: STATE_KEY, or derived from the App's private key). */
export function createStateSeal(key: string): StateSeal {
  const sign = (payload: string) => createHmac('sha256', key).update('goarch:state\n').update(payload).digest('hex');
  return {
    sign,
    verify(payload, signature) {
      const expected = Buffer.from(sign(payload), 'hex');
      const given = Buffer.from(signature, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
