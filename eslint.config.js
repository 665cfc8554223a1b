// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The pure core must not reach the outside world; only adapters, config and main may. */
const pureCore = ['src/spec/**', 'src/model/**', 'src/plan/**', 'src/render/**', 'src/apply/**'];

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
    files: pureCore,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/*', '@aws-sdk/*', '@octokit/*'],
              message: 'The pure core does no I/O.',
            },
            {
              group: ['node:fs*', 'node:http*', 'node:net', 'node:child_process', 'node:process'],
              message: 'The pure core does no I/O.',
            },
          ],
        },
      ],
    },
  },
);
