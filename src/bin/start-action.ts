import { randomUUID } from 'node:crypto';
import { readActionSettings } from '../action/action-settings.js';
import type { Env } from '../action/action-settings.js';
import { ActionError } from '../action/action-error.js';
import { runAction } from '../action/run-action.js';
import { escapeCommandData } from '../action/workflow-commands.js';
import { createTokenOctokit } from '../github/create-token-octokit.js';
import { octokitCiHost } from '../github/octokit-ci-host.js';
import { octokitOutput } from '../github/octokit-output.js';
import { octokitRepoWriter } from '../github/octokit-repo-writer.js';
import { validateWorkflowLazily } from '../runtime/validate-workflow-lazily.js';
import { loadRuleSet } from '../service/load-rule-set.js';
import { MemoryIncidentStore } from '../store/memory-incident-store.js';

export interface ActionIo {
  stdout: { write(text: string): unknown };
  version: string;
}

/**
 * Composition root of the GitHub Action: the settings from the step's environment, the GitHub ports
 * over a token Octokit (GITHUB_API_URL), a memory incident store for this run (the state that lasts is
 * in the comment), the built-in rules; then `runAction`. A setup mistake is one `::error` line, exit 2;
 * any other failure one line too, exit 1 (no stack trace, no token).
 */
export async function startAction(env: Env, io: ActionIo): Promise<number> {
  try {
    const settings = readActionSettings(env);
    const userAgent = `goarch-action/${io.version}`;
    return await runAction(settings, {
      ports: (token) => {
        const octokit = createTokenOctokit({ token, baseUrl: settings.apiUrl, userAgent });
        return { host: octokitCiHost(octokit), output: octokitOutput(octokit, { login: settings.commentAuthor }), writer: octokitRepoWriter(octokit) };
      },
      store: new MemoryIncidentStore({ clock: { now: Date.now } }),
      rules: () => loadRuleSet(),
      validate: validateWorkflowLazily,
      now: Date.now,
      monotonic: () => performance.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      randomId: randomUUID,
      stdout: io.stdout,
    });
  } catch (error) {
    const setup = error instanceof ActionError;
    const message = error instanceof Error ? error.message : String(error);
    const status = (error as { status?: unknown }).status;
    const detail = setup ? message : `${typeof status === 'number' ? `GitHub answered HTTP ${status}: ` : ''}${message.split('\n')[0] ?? ''}`;
    io.stdout.write(`::error title=goarch::${escapeCommandData(`goarch: ${detail}`.slice(0, 1000))}\n`);
    return setup ? 2 : 1;
  }
}
