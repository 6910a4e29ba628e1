// ESLint for the calling page, run by the Maven build in the test phase (pom.xml), which installs it with npm ci
// into target/npm: a missing import once broke the people list and only the browser tests caught it. It checks the
// page's modules (ES modules in a browser; the SDK's UMD build, meshcall.js, gives them the global MeshCall) and the
// service worker (a classic worker script), with ESLint's recommended rules, among them no-undef (a name used but
// never defined or imported) and no-unused-vars (one defined or imported but never used).
// By hand: node target/npm/node_modules/eslint/bin/eslint.js (after a Maven build has installed it).
import {createRequire} from 'node:module';

// The packages are in target/npm, not beside this file.
const require = createRequire(new URL('./target/npm/package.json', import.meta.url));
const js = require('@eslint/js');
const globals = require('globals');

const unusedVars = ['error', {caughtErrors: 'none'}];

export default [
  {ignores: ['target/']},
  {
    files: ['src/main/resources/meshcall-static/js/**/*.js'],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {...globals.browser, MeshCall: 'readonly'},
    },
    rules: {...js.configs.recommended.rules, 'no-unused-vars': unusedVars},
  },
  {
    files: ['src/main/resources/meshcall-static/sw.js'],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      globals: globals.serviceworker,
    },
    rules: {...js.configs.recommended.rules, 'no-unused-vars': unusedVars},
  },
];
