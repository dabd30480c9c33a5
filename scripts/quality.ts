// `npm run quality`: the figures of the README's quality table, for the corpus and for the sealed split.
import { join } from 'node:path';
import { loadRuleSet } from '../src/service/load-rule-set.js';
import { describeQuality, expectationFiles, measureQuality } from './measure-quality.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'logs');
const rules = loadRuleSet();
const corpus = await measureQuality(expectationFiles(root, ['sealed']), rules);
console.log(describeQuality('corpus (fixtures/logs, without sealed/)', corpus));
const sealedFiles = expectationFiles(join(root, 'sealed'));
if (sealedFiles.length === 0) console.log('sealed: fixtures/logs/sealed/expectations.json is missing');
else console.log(describeQuality('sealed (fixtures/logs/sealed)', await measureQuality(sealedFiles, rules)));
