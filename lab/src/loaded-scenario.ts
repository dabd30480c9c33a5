import type { Scenario } from './scenario.js';

/** A scenario folder and its parsed `scenario.json`. */
export interface LoadedScenario {
  name: string;
  /** Absolute path of `lab/scenarios/<name>`. */
  dir: string;
  spec: Scenario;
}
