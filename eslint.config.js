// One linter for the whole tree. The restricted-imports block keeps the core pure:
// dependencies point inward (adapters -> service -> core), never the reverse.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './eslint/no-import-cycle.js';

const adapterDirs = ['github', 'slack', 'store', 'queue', 'cli', 'action', 'config', 'server', 'service', 'lab'];
/** Adapters translate between one outside system and the service ports: none may import another (STYLE §6). */
const siblingAdapters = ['github', 'slack', 'store', 'queue', 'cli', 'action'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-action/**', 'node_modules/**', 'lab/scenarios/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', AbortController: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', fetch: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly', ReadableStream: 'readonly', performance: 'readonly', queueMicrotask: 'readonly', structuredClone: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // No file of src/ loads a module that loads it back (type-only imports are erased and do not count).
    files: ['src/**/*.ts'],
    plugins: { goarch: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'goarch/no-import-cycle': 'error' },
  },
  // Adapters never import each other: they meet in src/service (ports) and src/bin (wiring).
  ...siblingAdapters.map((dir) => ({
    files: [`src/${dir}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: siblingAdapters.filter((other) => other !== dir).map((other) => `**/${other}/**`),
              message: `src/${dir} is an adapter: it implements or calls ports of src/service, never another adapter; the composition root in src/bin wires them.`,
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: adapterDirs.map((d) => `**/${d}/**`), message: 'src/core is pure: it must not import adapters.' },
            { group: ['node:fs', 'node:net', 'node:http', 'node:https', 'node:child_process', 'fs', 'http', 'https', 'net', 'child_process', 'ioredis', 'bullmq', 'probot', '@slack/*', '@octokit/*', 'pino', 'prom-client'], message: 'src/core is pure: no I/O, no frameworks.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core does not read the environment.' }],
    },
  },
  {
    // Use cases see ports only (declared here): no framework client, no adapter.
    files: ['src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/github/**', '**/slack/**', '**/store/**', '**/queue/**', '**/bin/**', '**/cli/**', '**/action/**'], message: 'src/service declares the ports and uses them; adapters implement and call it, not the reverse.' },
            { group: ['probot', '@octokit/*', '@slack/*', 'ioredis', 'bullmq'], message: 'framework types stop at the adapters (STYLE §6).' },
          ],
        },
      ],
    },
  },
);
