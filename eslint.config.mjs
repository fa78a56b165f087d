import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Libraries that must stay pure: the domain and the SCIM protocol know nothing of frameworks or I/O. */
const FRAMEWORK_AND_IO = [
  { group: ['@nestjs/*'], message: 'The domain and protocol libraries stay framework-free.' },
  {
    group: ['typeorm', 'typeorm/*', 'pg', 'pg/*', 'kafkajs', '@eventstore/*', 'express'],
    message: 'No I/O in the domain and protocol libraries.',
  },
  { group: ['@lib/*', '!@lib/scim', '!@lib/domain'], message: 'Pure libraries depend only on each other.' },
  {
    group: ['node:fs', 'fs', 'node:net', 'net', 'node:http', 'http', 'node:child_process', 'child_process'],
    message: 'No I/O in the domain and protocol libraries.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'deploy/local/kafka/target/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Prettier wraps code at this width; this catches what it cannot wrap (comments, strings).
      'max-len': ['error', { code: 120 }],
    },
  },
  {
    files: ['libs/domain/src/**/*.ts', 'libs/scim/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: FRAMEWORK_AND_IO }] },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
