/**
 * The fetch under every Octokit of the app: reports each failed HTTP attempt (status ≥ 400 other than
 * 404, which is an answer: no config file, no comment; or "network") before Octokit's retry plugin
 * retries it, so retried 5xx and rate limits are counted too. Calls the global fetch at call time.
 */
export function countingFetch(onError: (status: string) => void): typeof fetch {
  return async (input, init) => {
    let response: Response;
    try {
      response = await globalThis.fetch(input, init);
    } catch (error) {
      onError('network');
      throw error;
    }
    if (response.status >= 400 && response.status !== 404) onError(String(response.status));
    return response;
  };
}
