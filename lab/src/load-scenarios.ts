import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioSchema } from './scenario.js';
import type { LoadedScenario } from './loaded-scenario.js';

/** Reads every `lab/scenarios/<name>/scenario.json`; a bad file fails loudly, naming the scenario. */
export function loadScenarios(scenariosDir: string, only: string[]): LoadedScenario[] {
  const names = readdirSync(scenariosDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(scenariosDir, d.name, 'scenario.json')))
    .map((d) => d.name)
    .sort();
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')} (known: ${names.join(', ')})`);
  return names
    .filter((n) => only.length === 0 || only.includes(n))
    .map((name) => {
      const dir = join(scenariosDir, name);
      const parsed = scenarioSchema.safeParse(JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')));
      if (!parsed.success) throw new Error(`lab/scenarios/${name}/scenario.json: ${parsed.error.message}`);
      return { name, dir, spec: parsed.data };
    });
}
