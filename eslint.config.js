// Lint rules for the whole repository: typescript-eslint's syntax-only recommended rules (type-aware
// linting is too slow for this machine and tsc already checks types), the layering of the code
// (renderer, shared, domain modules, shells) and no import circles.
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'eslint/config';
import { globals, importX, js, reactHooks, tseslint } from '@sohoa/lint-toolchain';

// Zones are paths from the repository root, wherever eslint is started from.
const ROOT = import.meta.dirname;
// The shells drive the core and the core routes to the domains' handlers (merged in
// handlers.ts); a domain module must not reach back into either.
const SHELL_DIRS = ['app', 'web', 'cli'];
const SHELLS = [...SHELL_DIRS.map((d) => `./electron/${d}`), './electron/core.ts', './electron/handlers.ts', './electron/preload.ts'];
// Every other folder of electron/ is a domain (read at lint time, so a new domain is covered).
const DOMAINS = fs
  .readdirSync(path.join(ROOT, 'electron'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !SHELL_DIRS.includes(e.name))
  .map((e) => `./electron/${e.name}`);

const noElectron = { name: 'electron', message: 'Only the Electron shell (electron/app, electron/preload.ts) imports electron.' };
// npm packages that only run under Node; the renderer runs in a browser.
const NODE_ONLY = ['better-sqlite3', 'sharp', 'pkcs11js', 'commander', 'tsx', 'tesseract.js', 'read-excel-file/node', 'write-excel-file/node'];

export default defineConfig(
  {
    ignores: ['dist/', 'dist-electron/', 'release/', 'test-results/', 'playwright-report/', '.sohoa-dev/', 'scratch/', 'renderer/public/'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'] })],
    },
    rules: {
      // `_name` marks a parameter kept for its position; a rest sibling drops a field on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true, caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // Tests, benchmarks and build scripts cast to reach into internals and mocks; in the product
    // code an `any` is a hole in the contract's types and stays an error.
    files: ['tests/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron/**', 'shared/**', 'renderer/**'],
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': ['error', { paths: [noElectron, ...NODE_ONLY.map((name) => ({ name, message: 'Runs only under Node; the renderer calls the core instead.' }))] }],
      'import-x/no-restricted-paths': ['error', {
        basePath: ROOT,
        zones: [{ target: './renderer', from: './', except: ['./renderer', './shared', './node_modules'], message: 'The renderer imports only shared/ and its own files; it reaches the core through the contract.' }],
      }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron] }],
      'import-x/no-restricted-paths': ['error', {
        basePath: ROOT,
        zones: [{ target: './shared', from: './', except: ['./shared', './node_modules'], message: 'shared/ is imported by both sides and imports nothing outside itself.' }],
      }],
    },
  },
  {
    files: DOMAINS.map((d) => `${d.slice(2)}/**`),
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron] }],
      'import-x/no-restricted-paths': ['error', {
        basePath: ROOT,
        zones: [{ target: DOMAINS, from: SHELLS, message: 'A domain module imports no shell (app, web, cli, preload), not core.ts and not the merged handlers.ts.' }],
      }],
    },
  },
  // small modules for the next reader: no source file over 300 lines (the document fixtures are
  // generated tables), no function over 60 lines in the core and its shells
  {
    ignores: ['tests/fixtures/admin-docs.ts'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    files: ['electron/**'],
    rules: { 'max-lines-per-function': ['error', { max: 60 }] },
  },
);
