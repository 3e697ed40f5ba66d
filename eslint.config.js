// One linter for the whole tree. The import zones keep the house layout from rotting:
// features never import each other or the app shell; shared folders import no feature;
// the SPA and the server meet only in contract/, which imports neither.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
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
];

const classicZod = ['zod', 'zod/v4', 'zod/v3', 'zod/v4/classic'];

export default tseslint.config(
  { ignores: ['dist', 'data', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
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
  prettier,
);
