// `npm run quality`: the figures of the README's quality table, for the corpus and for each sealed split.
import { join } from 'node:path';
import { loadRuleSet } from '../src/service/load-rule-set.js';
import { SEALED_SPLITS, describeQuality, expectationFiles, isSealedFolder, measureQuality } from './measure-quality.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'logs');
const rules = loadRuleSet();
const corpus = await measureQuality(expectationFiles(root, isSealedFolder), rules);
console.log(describeQuality('corpus (fixtures/logs, without the sealed splits)', corpus));
for (const split of SEALED_SPLITS) {
  const files = expectationFiles(join(root, split));
  if (files.length === 0) console.log(`${split}: fixtures/logs/${split}/expectations.json is missing`);
  else console.log(describeQuality(`${split} (fixtures/logs/${split})`, await measureQuality(files, rules)));
}
