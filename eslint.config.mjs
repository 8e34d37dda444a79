// @ts-check
// `npm run lint`: the browser modules' type check (tsc on dashboard/ and ide/, npm run
// typecheck:browser), then this (typescript-eslint with type information, eslint-config-prettier
// last so formatting is Prettier's alone), then `prettier --check`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'data/',
      'coverage/',
      'node_modules/',
      'client/generated/',
      'test-artifacts/',
      'bench/results/',
      '.stryker-tmp/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'codegen.ts', 'bench/*.mjs', 'gateway/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Apollo Server's plugin hooks, DataLoader's batch functions and our own store interfaces are
      // typed to return promises; `async` without `await` is how an implementation that has nothing
      // to wait for satisfies them.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['tests/**/*.ts', '**/*.spec.ts'],
    rules: {
      // No `any` written in tests: a documented operation's answer has its generated type, other
      // answers and page values are typed where read (tests/kit/page-window.ts). The answer to GraphQL
      // text a test does not type is still `any` (tests/kit/client.ts, Operation), hence the rules below.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    // Hive Gateway's runner: Hive's declarations (graphql-yoga's) conflict with Apollo Server's, so
    // TypeScript never loads them there and its hook payloads are untyped.
    files: ['gateway/*.mjs'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // The browser modules get the typed rules too: their JSDoc types, checked by tsc
    // (dashboard/tsconfig.json, ide/tsconfig.json), are what the project service reads.
    files: ['dashboard/**/*.js', 'ide/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);
