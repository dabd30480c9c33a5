import type { Diagnosis } from '../model/incident.js';
import { platformLabel, safeLine } from './display-text.js';

export interface TextOptions {
  color: boolean;
}

/** Terminal output: what broke, the proving lines, host vs target, and the commands to run. */
export function renderText(diagnosis: Diagnosis, options: TextOptions = { color: false }): string {
  const c = options.color;
  const bold = (s: string): string => (c ? `\x1b[1m${s}\x1b[22m` : s);
  const dim = (s: string): string => (c ? `\x1b[2m${s}\x1b[22m` : s);
  const red = (s: string): string => (c ? `\x1b[31m${s}\x1b[39m` : s);
  const green = (s: string): string => (c ? `\x1b[32m${s}\x1b[39m` : s);
  const out: string[] = [];
  const summary = `${diagnosis.lines} lines, ${diagnosis.bytes} bytes scanned${diagnosis.truncated ? ' (stopped at the byte limit)' : ''}`;
  if (diagnosis.incidents.length === 0) {
    const n = diagnosis.nearest;
    if (!n) {
      out.push(`No CPU-architecture problem found (${summary}).`);
      return `${out.join('\n')}\n`;
    }
    out.push(`Not a CPU-architecture problem (${summary}).`, '');
    out.push(`${bold(`[${n.cause}]`)} ${bold(safeLine(n.title))}`);
    out.push('   evidence:');
    for (const e of n.evidence) out.push(`     ${dim(`L${e.line}`)}  ${safeLine(e.text)}`);
    out.push(`   ${bold(green('hint:'))} ${n.hint.summary}`);
    if (n.hint.command) out.push(`     $ ${n.hint.command}`);
    return `${out.join('\n')}\n`;
  }
  out.push(`${diagnosis.incidents.length} architecture problem${diagnosis.incidents.length > 1 ? 's' : ''} found (${summary}).`, '');
  diagnosis.incidents.forEach((i, n) => {
    out.push(`${bold(red(`${n + 1}. [${i.class}]`))} ${bold(safeLine(i.title))}`);
    out.push(`   host ${platformLabel(i.host)}  →  target ${platformLabel(i.target)}   confidence ${i.confidence}   ${dim(`fingerprint ${i.fingerprint}`)}`);
    if (i.failingCommand) out.push(`   failing command: ${safeLine(i.failingCommand)}`);
    out.push('   evidence:');
    for (const e of i.evidence) out.push(`     ${dim(`L${e.line}`)}  ${safeLine(e.text)}`);
    out.push(`   why: ${i.explanation}`);
    out.push(`   ${bold(green('fix:'))} ${i.fix.summary}`);
    for (const cmd of i.fix.commands) out.push(`     $ ${cmd}`);
    i.alternatives.forEach((a, k) => {
      out.push(`   alternative ${k + 1}${a.when ? ` (${a.when})` : ''}: ${a.summary}`);
      for (const cmd of a.commands) out.push(`     $ ${cmd}`);
    });
    out.push('');
  });
  return `${out.join('\n')}`;
}
