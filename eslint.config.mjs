// Layering is enforced here, not remembered (ARCHITECTURE §9): each folder may import only
// what its runtime allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'child_process', 'os', 'http', 'https', 'net', 'url'];
const pattern = (group, message) => ({ group, message });
// Schemas stay in main (issue 8): the preload, the renderer and shared/domain take runtime values only from
// shared/domain. Type-only imports of schema-derived types erase, so they are allowed.
const schemaFree = (who) => [
  'error',
  {
    patterns: [
      { group: ['zod', 'zod/*'], message: `${who} does not bundle zod.`, allowTypeImports: true },
      {
        group: [
          '**/schemas/**',
          '**/shared/*',
          '!**/shared/domain',
          '!**/shared/errors',
          '!**/shared/credentials',
        ],
        message: `${who} takes runtime values from shared/domain (and the error and credential formats) only; the schemas are main's.`,
        allowTypeImports: true,
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(nodeBuiltins, 'shared/ is pure TypeScript: no Node modules (ARCHITECTURE §2).'),
            pattern(
              ['electron', 'react', 'react-dom', '@mui/*'],
              'shared/ is pure TypeScript: no electron, no DOM.',
            ),
            pattern(['**/main/**', '**/renderer/**'], 'shared/ depends on nothing else in the app.'),
          ],
        },
      ],
    },
  },
  {
    files: ['shared/domain/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': schemaFree('shared/domain') },
  },
  {
    files: ['main/preload.ts', 'main/preload-api.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': schemaFree('The preload (under 10 KB)') },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              ['electron'],
              'core never imports electron; the edge passes what it needs (ARCHITECTURE §3).',
            ),
            pattern(['**/renderer/**', 'react', '@mui/*'], 'core knows nothing of the UI.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(nodeBuiltins, 'The renderer is sandboxed: no Node modules.'),
            pattern(['electron'], 'The renderer reaches main only through renderer/api.ts.'),
            pattern(['**/main/**'], 'The renderer talks to main only through the contract.'),
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': schemaFree('The renderer'),
    },
  },
);
