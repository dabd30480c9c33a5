import { AsyncLocalStorage } from 'node:async_hooks';

/** The ids of the request being served, for log lines written by code that has no request logger. */
export interface RequestIds {
  reqId: string;
  delivery?: string;
}

/**
 * Set by the server around each request. The logger adds these ids to any line written inside
 * the request (Probot's and Bolt's own lines included) that does not carry them already.
 */
export const requestContext = new AsyncLocalStorage<RequestIds>();
