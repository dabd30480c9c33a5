import type { Incident } from '../model/index.js';
import { matchesTemplate } from './matches-template.js';
import type { JobOutline, StepOutline, WorkflowOutline } from './workflow-outline.js';

/** Where in the workflow the incident happened, and how sure we are. */
export interface FailingStep {
  job: JobOutline;
  step: StepOutline;
  /** What matched, for the explanation ("the step title", "the failing command"). */
  matchedBy: string;
  /** True when another step in another job matched just as well. */
  ambiguous: boolean;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}

function scoreStep(step: StepOutline, title: string | null, command: string | null): [number, string] {
  let best: [number, string] = [0, ''];
  const consider = (score: number, how: string): void => {
    if (score > best[0]) best = [score, how];
  };
  if (title !== null) {
    const runTitle = title.startsWith('Run ') ? title.slice(4) : null;
    if (step.name !== null && matchesTemplate(step.name, title)) consider(100, 'the step name');
    if (runTitle !== null && step.run !== null && matchesTemplate(firstLine(step.run), runTitle)) consider(90, 'the step title');
    if (runTitle !== null && step.uses !== null && matchesTemplate(step.uses, runTitle)) consider(90, 'the step title');
    if (runTitle !== null && step.run !== null && step.run.split('\n').some((line) => line.trim() !== '' && matchesTemplate(line, runTitle))) {
      consider(50, 'a line of the step script');
    }
  }
  if (command !== null && command.trim() !== '' && step.run !== null) {
    const lines = step.run.split('\n').filter((line) => line.trim() !== '');
    if (lines.some((line) => matchesTemplate(line, command))) consider(70, 'the failing command');
    else if (step.run.includes(command.trim())) consider(60, 'the failing command');
  }
  return best;
}

/** Finds the step the incident's step title or failing command points at; null when nothing matches. */
export function locateFailingStep(outline: WorkflowOutline, incident: Pick<Incident, 'step' | 'failingCommand'>): FailingStep | null {
  const title = incident.step?.trim() || null;
  const command = incident.failingCommand?.trim() || null;
  let best: FailingStep | null = null;
  let bestScore = 0;
  for (const job of outline.jobs) {
    for (const step of job.steps) {
      const [score, how] = scoreStep(step, title, command);
      if (score === 0) continue;
      if (score > bestScore) {
        best = { job, step, matchedBy: how, ambiguous: false };
        bestScore = score;
      } else if (score === bestScore && best && best.job !== job) {
        best.ambiguous = true;
      }
    }
  }
  return best;
}
