// Import layers (STYLE.md #1) are enforced here: a breach fails `npm run lint` and so `npm test`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'worker_threads', 'url', 'util'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'tmp/', 'playwright-report/', 'resources/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true }],
    },
  },
  { files: ['electron/**', 'tests/**', 'scripts/**', 'bench/**', '*.config.*', 'renderer/*.config.*'], languageOptions: { globals: globals.node } },
  {
    files: ['renderer/src/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    // We do not run the React Compiler, so its "incompatible library" notice is noise here.
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/incompatible-library': 'off' },
  },
  {
    files: ['shared/**'],
    rules: restrict([...NODE_BUILTINS, 'electron', '**/electron/**', '**/renderer/**', 'react', 'react-dom'], 'shared/ imports nothing from Node, the DOM, Electron, main or renderer code.'),
  },
  {
    files: ['renderer/src/**'],
    rules: restrict([...NODE_BUILTINS, 'electron', '**/electron/**', 'better-sqlite3'], 'renderer/ imports shared/ only: no Node, no Electron, no main-process code.'),
  },
  {
    files: ['electron/core/**'],
    rules: restrict(['electron', '**/renderer/**', '**/main/**', '**/preload/**'], 'The core runs under plain Node: no Electron, no renderer code.'),
  },
  {
    files: ['electron/preload/**'],
    rules: restrict([...NODE_BUILTINS, '**/core/**', '**/main/**', '**/renderer/**', 'better-sqlite3'], 'A preload imports shared/ and contextBridge/ipcRenderer only.'),
  },
  {
    // Residents' personal data (152-ФЗ) must be unreachable from wall and briefing code.
    files: ['electron/core/wall/**', 'electron/core/briefing/**', 'renderer/src/wall/**', 'renderer/src/briefing/**'],
    rules: restrict(['**/db/personal', '**/db/personal.*', '**/operator/**', 'electron', '**/main/**'], 'Wall and briefing code may not reach personal data or operator-only modules.'),
  },
);
