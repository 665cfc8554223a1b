// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The pure core must not reach the outside world; only adapters, config and main may. */
const pureCore = [
  'src/desired/**',
  'src/model/**',
  'src/plan/**',
  'src/render/**',
  'src/apply/**',
  'src/retry/**',
  'src/schema/**',
  'src/stage-types/**',
];

/** What ships is src/: product code never reaches the emulator or the demo, which do not ship. */
const notShipped = {
  group: ['**/emulator/**', '**/demo/**'],
  message: 'Product code (src/) never imports the emulator or the demo: they do not ship.',
};
const noIo = [
  { group: ['@actions/*', '@aws-sdk/*', '@octokit/*'], message: 'The pure core does no I/O.' },
  {
    group: ['node:fs*', 'node:http*', 'node:net', 'node:child_process', 'node:process'],
    message: 'The pure core does no I/O.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'build/', 'coverage/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [notShipped] }] },
  },
  {
    files: pureCore,
    rules: { 'no-restricted-imports': ['error', { patterns: [notShipped, ...noIo] }] },
  },
  {
    // The emulator's knowledge of AWS comes from registry schemas and recordings, never from
    // what the product believes (so the two cannot agree by construction).
    files: ['emulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/**'], message: 'The emulator never imports the product (src/).' },
          ],
        },
      ],
    },
  },
);
