// @ts-check
/*
 * `npm run lint`: typescript-eslint's type-checked recommendations over every TypeScript file we
 * write, and the house's rules: which room may import which (decisions.md#d68-the-linter-keeps-the-layers),
 * what the pure core may never touch, and no import cycles among our files.
 */
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Tests may reach for anything; the room rules are about the code a test exercises. */
const TESTS = ['**/*.test.ts'];

/** Every room's code except its own: `except` names what the room may import (node_modules = packages). */
const onlyFrom = (target, allowed, message) => ({ target, from: '.', except: [...allowed, './node_modules'], message });

/** The outside world a pure function must take as input (D24): the clock, timers, randomness, I/O. */
const IMPURE_GLOBALS = [
  ['Date', 'the clock: take `now` from the input'],
  ['performance', 'the clock: take `now` from the input'],
  ['setTimeout', 'timers: return a scheduler.set command'],
  ['setInterval', 'timers: return a scheduler.set command'],
  ['setImmediate', 'timers: return a command'],
  ['queueMicrotask', 'timers: return a command'],
  ['crypto', 'randomness: take ids from the input'],
  ['fetch', 'I/O: return a command for the host to run'],
  ['XMLHttpRequest', 'I/O: return a command for the host to run'],
  ['localStorage', 'I/O: the host saves the state'],
  ['sessionStorage', 'I/O: the host saves the state'],
  ['indexedDB', 'I/O: the host saves the state'],
  ['process', 'I/O: the core runs in a web view too'],
  ['globalThis', 'the global object: what it holds is the outside world'],
  ['window', 'the global object: what it holds is the outside world'],
  ['self', 'the global object: what it holds is the outside world'],
].map(([name, why]) => ({ name, message: `The pure core never uses ${name} — ${why} (D24).` }));

const NO_FILE_WRITES = { name: 'write-file-atomic', message: 'Only src/node writes files.' };

export default tseslint.config(
  // Built, generated or compiled against the packed tarball (scripts/check-package.ts), not written here.
  { ignores: ['dist/**', 'docs/api/**', 'artifacts/**', 'coverage/**', '.stryker/**', 'scripts/package-check/consumer/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    settings: {
      // import-x reads only .js files unless told: our sources are .ts, imported without extension.
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Cycles among our own files only: following packages costs time and finds nothing of ours.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // `_name` drops a property from a rest copy, as tsc's noUnusedLocals allows.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `let x;` then `x = make({ ...callbacks that read x })`: a const there would be read in its dead zone if a callback ran early;
      // `let { state, ids } = ...` where only state changes stays one statement.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true, destructuring: 'all' }],
      // node:test's describe and it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test'] }] }],
      // One import statement per module (src/host/effects.ts had two of one module).
      'import-x/no-duplicates': 'error',
      // A caught value of unknown type is relayed as it was thrown: the host classifies an effect's failure itself.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // The copy's Refusal is a signal caught at the copy's top, never seen outside: no stack to capture per refusal.
      '@typescript-eslint/only-throw-error': ['error', { allow: [{ from: 'file', name: 'Refusal', path: 'src/portal/copy.ts' }] }],
    },
  },

  {
    // Tests drive the page objects as a portal does (untyped globals) and feed hostile values on
    // purpose; `expect(object.method)` is vitest's idiom, not an unbound call.
    files: [...TESTS, 'test/**/*.ts', 'model-tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Test doubles stand in for async effects, and throw or reject with what hostile code would.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // A number past 2^53 is the hostile argument itself (an ICCID or EID passed as a number).
      'no-loss-of-precision': 'off',
    },
  },

  // The library runs in a web view: only the Node entry points (src/node, src/testing) and the
  // tools (src/cli, src/docs) import Node's modules or use `process`.
  {
    files: ['src/**/*.ts', 'machines/**/*.ts'],
    ignores: [...TESTS, 'src/node/**', 'src/testing/**', 'src/cli/**', 'src/docs/**'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-globals': ['error', { name: 'process', message: 'The library runs in a web view: only src/node, src/testing and the tools use process.' }],
      'no-restricted-imports': ['error', NO_FILE_WRITES],
    },
  },

  // The library's other rooms, as their index files say: each imports only the rooms below it.
  {
    files: ['src/host/**/*.ts', 'src/portal/**/*.ts', 'src/webview/**/*.ts', 'src/sim/**/*.ts', 'src/node/**/*.ts', 'src/descriptions/**/*.ts'],
    ignores: TESTS,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            onlyFrom('./src/host', ['./src/host', './src/core', './src/domain', './machines'], 'src/host imports only src/core, src/domain and machines.'),
            onlyFrom('./src/portal', ['./src/portal', './src/host', './src/core', './src/domain'], 'src/portal imports only src/host, src/core and src/domain.'),
            onlyFrom('./src/webview', ['./src/webview', './src/portal', './src/host', './src/core', './src/domain'], 'src/webview imports only src/portal, src/host, src/core and src/domain.'),
            onlyFrom('./src/sim', ['./src/sim', './src/portal', './src/host', './src/core', './src/domain', './machines'], 'src/sim imports only src/portal, src/host, src/core, src/domain and machines.'),
            onlyFrom('./src/node', ['./src/node', './src/host', './src/core', './src/domain'], 'src/node imports only src/host, src/core and src/domain.'),
            onlyFrom('./src/descriptions', ['./src/descriptions', './src/domain'], 'src/descriptions imports only src/domain.'),
            { target: ['./src/host', './src/portal', './src/webview', './src/sim', './src/node'], from: './machines/xstate.ts', message: 'Only ./machines and ./testing ship xstate.' },
          ],
        },
      ],
    },
  },

  // The pure rooms and what each may import (README, Layout), judged on resolved paths, so `../x`
  // and `../../src/x` are the same room. These blocks come after the library's: a later block's
  // options for a rule replace an earlier one's, so each repeats what the library's forbid.
  {
    files: ['src/domain/**/*.ts', 'machines/**/*.ts', 'src/core/**/*.ts'],
    ignores: TESTS,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            onlyFrom('./src/domain', ['./src/domain'], 'src/domain imports nothing of ours.'),
            onlyFrom('./machines', ['./machines', './src/domain'], 'machines import only src/domain.'),
            onlyFrom('./src/core', ['./src/core', './src/domain', './machines'], 'src/core imports only src/domain and machines.'),
            { target: './src/core', from: './machines/xstate.ts', message: 'The core runs the definitions itself and ships no xstate.' },
          ],
        },
      ],
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-globals': ['error', ...IMPURE_GLOBALS],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'randomness: take ids from the input (D24).' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/core/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', NO_FILE_WRITES, { name: 'xstate', message: 'Only machines/xstate.ts imports xstate.' }] },
  },
  {
    // xstate's own timers and actors would run real time inside a machine (D24): deadlines are commands.
    files: ['machines/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        NO_FILE_WRITES,
        { name: 'xstate', importNames: ['fromPromise', 'fromCallback', 'fromObservable', 'fromEventObservable'], message: 'Effects are commands, not actors (D24).' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='after'][value.type='ObjectExpression']", message: "xstate's delayed transitions run a real timer: use a deadline (D24)." },
        { selector: "Property[key.name='invoke']", message: 'Invoked actors run outside the step: return a command (D24).' },
        { selector: "CallExpression[callee.name=/^(raise|sendTo|sendParent)$/] Property[key.name='delay']", message: "xstate's delayed events run a real timer: use a deadline (D24)." },
      ],
    },
  },
  {
    // The casts to {} keep xstate's setup() from spelling every action and guard into the published
    // machine type (api/machines.api.md); the names are checked by machines/runtime.ts instead.
    files: ['machines/xstate.ts'],
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off', '@typescript-eslint/no-empty-object-type': 'off' },
  },
);
