// Re-exports the lint plugins from this folder's own node_modules, where `typescript` is
// TypeScript 6: typescript-eslint parses through the TypeScript JavaScript API, which the
// project's compiler (TypeScript 7, native) no longer has.
export { default as js } from '@eslint/js';
export { default as globals } from 'globals';
export { default as importX } from 'eslint-plugin-import-x';
export { default as reactHooks } from 'eslint-plugin-react-hooks';
export { default as tseslint } from 'typescript-eslint';
