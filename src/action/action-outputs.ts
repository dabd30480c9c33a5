import type { Incident } from '../core/model/index.js';
import type { OutputName } from './output-file.js';

/**
 * The step's `verdict`: the CLI's three (`architecture`, `not-architecture`, `nothing-found`), `resolved`
 * when a green run resolved goarch's comment, `skipped` when the event or the repository config asks for nothing.
 */
export type ActionVerdict = 'architecture' | 'not-architecture' | 'nothing-found' | 'resolved' | 'skipped';

const MAX_FIX_COMMAND = 4000;

/** The outputs: the verdict, and the first incident's class, fingerprint and fix commands (one per line). */
export function actionOutputs(verdict: ActionVerdict, incidents: readonly Incident[]): Record<OutputName, string> {
  const first = incidents[0];
  const commands = first === undefined ? '' : first.fix.commands.join('\n');
  return {
    verdict,
    class: first?.class ?? '',
    fingerprint: first?.fingerprint ?? '',
    'fix-command': commands.length > MAX_FIX_COMMAND ? commands.slice(0, commands.lastIndexOf('\n', MAX_FIX_COMMAND) + 1 || MAX_FIX_COMMAND).trimEnd() : commands,
  };
}
