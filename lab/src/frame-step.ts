/** One `run:` step as the Actions log shows it. */
export interface StepSpec {
  command: string;
  env: Record<string, string>;
}

export interface StepFrame {
  /** `##[group]Run ...`, the script lines, shell, env, `##[endgroup]`; stamped when called, before the step runs. */
  open: string[];
  /** The runner's closing line for a failed step, stamped when called; nothing for success. */
  close: (exitCode: number) => string[];
}

const CYAN = '\u001b[36;1m';
const RESET = '\u001b[0m';

/** Frames a step exactly like a GitHub Actions job log as downloaded (a timestamp before every line). */
export function frameStep(step: StepSpec, stamp: () => string): StepFrame {
  const scriptLines = step.command.replace(/\n+$/, '').split('\n');
  const lines = [`##[group]Run ${scriptLines[0] ?? ''}`, ...scriptLines.map((l) => `${CYAN}${l}${RESET}`), 'shell: /usr/bin/bash -e {0}'];
  const envKeys = Object.keys(step.env);
  if (envKeys.length > 0) lines.push('env:', ...envKeys.map((k) => `  ${k}: ${step.env[k] ?? ''}`));
  lines.push('##[endgroup]');
  return {
    open: lines.map((l) => `${stamp()} ${l}`),
    close: (exitCode) => (exitCode === 0 ? [] : [`${stamp()} ##[error]Process completed with exit code ${exitCode}.`]),
  };
}
