// Node built-ins are matched by exact name (`paths`), not as gitignore-style patterns, so a
// relative module such as './events' is not mistaken for the built-in 'events'.
// Lint rules, including the import boundaries of ../shared/STYLE.md: where a file lives says where
// it runs, and a wrong arrow fails CI instead of a review.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const restrict = (message, patterns, names = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: patterns.map((group) => ({ group: [group], message })),
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'coverage/',
      '.data/',
      '.tmp/',
      '.native/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['*.config.{js,ts}', 'electron.vite.config.ts', 'playwright.config.ts', 'vitest.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        'The renderer talks to the core only through the shared contract: no electron/, server/ or Node imports.',
        ['**/electron/**', '**/server/**', 'electron/*'],
        ['electron', ...nodeBuiltins],
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      'shared/ is runtime-neutral: no Node, DOM, Electron, React, renderer, server or core imports.',
      ['**/electron/**', '**/renderer/**', '**/server/**', 'react-dom/*'],
      ['electron', 'react', 'react-dom', 'better-sqlite3-multiple-ciphers', ...nodeBuiltins],
    ),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(
      'The core is plain TypeScript: it never imports electron or the renderer.',
      ['electron/*', '**/renderer/**'],
      ['electron'],
    ),
  },
  {
    // The Electron main thread never touches the database: the core runs on its own thread
    // (electron/core/threads/core-thread.ts) and main only talks to it through messages.
    files: ['electron/main/**/*.ts'],
    rules: restrict(
      'electron/main never opens the database: start the core through electron/core/threads/core-thread.ts.',
      [
        '**/core/storage',
        '**/core/storage/**',
        '**/core/db',
        '**/core/db/**',
        '**/core/core',
        '**/core/core.ts',
        'better-sqlite3-multiple-ciphers/*',
      ],
      ['better-sqlite3-multiple-ciphers'],
    ),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict(
      'The server never imports the app (electron/, renderer/).',
      ['**/electron/**', '**/renderer/**', 'electron/*'],
      ['electron'],
    ),
  },
  {
    // Test helpers live in tests/support/ (and the server's in server/testing/); production code
    // never loads them. A rule of its own name, so it adds to the area rules above.
    files: ['electron/**/*.ts', 'server/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'server/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/tests/**', '**/testing/**'],
              message: 'Production code never imports test helpers (tests/support, server/testing).',
            },
          ],
        },
      ],
    },
  },
);
