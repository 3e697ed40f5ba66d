// One linter for the whole tree. Its rules keep the house layout from rotting:
// - features never import each other or the app shell; shared folders import no feature;
// - the SPA and the server meet only in contract/, which imports neither;
// - on the server, data flows route → service → repo: a repo never imports a service or routes, and
//   routes never reach a repo;
// - no import cycles; one file-naming convention (components PascalCase .tsx, everything else kebab-case).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import checkFile from 'eslint-plugin-check-file';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const features = readdirSync('src/features', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const zones = [
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'A feature never imports another feature; move shared code to src/lib or src/components.',
  })),
  { target: './src/features', from: './src/app', message: 'Features never import the app shell.' },
  {
    target: ['./src/lib', './src/components', './src/api'],
    from: ['./src/features', './src/app'],
    message: 'Shared folders import no feature and no app code.',
  },
  {
    target: './src/lib',
    from: './src/api',
    message: 'src/api builds on src/lib and contract/, not the other way round.',
  },
  { target: './src', from: './server', message: 'The SPA talks to the server over HTTP only.' },
  { target: './server', from: './src', message: 'The server shares only contract/ with the SPA.' },
  {
    target: './contract',
    from: ['./src', './server'],
    message: 'The contract is neutral ground: it imports neither the SPA nor the server.',
  },
  {
    target: './server/**/repo.ts',
    from: ['./server/**/service.ts', './server/**/routes.ts', './server/**/index.ts'],
    message: 'A repo holds SQL only: it never imports a service, routes or a module.',
  },
  {
    target: './server/**/routes.ts',
    from: './server/**/repo.ts',
    message: 'Routes speak HTTP and call services; they never reach a repo directly.',
  },
];

const classicZod = ['zod', 'zod/v4', 'zod/v3', 'zod/v4/classic'];

export default tseslint.config(
  { ignores: ['dist', 'data', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    // Without a resolver that knows TypeScript's extensionless imports, the import rules see nothing.
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Classic zod is ~20 kB gzip more than zod/mini in the SPA's first load (the contract is in the SPA).
    files: ['src/**/*.{ts,tsx}', 'contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: classicZod.map((name) => ({
            name,
            message:
              "The SPA and the contract use zod/mini: import * as z from 'zod/mini' (contract: './zod').",
          })),
        },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    ignores: ['contract/zod.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...classicZod, 'zod/mini', 'zod/v4-mini', 'zod/v4/mini'].map((name) => ({
            name,
            message: "Contract files import { z } from './zod': zod/mini with English messages.",
          })),
        },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: ['src/main.tsx', '**/*.d.ts'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.tsx': 'PASCAL_CASE', '**/*.ts': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': [
        'error',
        { '{src,server,contract,e2e,bench,scripts}/**/': 'KEBAB_CASE' },
      ],
    },
  },
  prettier,
);
