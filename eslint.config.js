// Lint: typescript-eslint's recommended rules, React hooks rules, and the process boundaries
// of DESIGN.md as import bans (the renderer never touches Node; shared/ stays pure; the core
// never imports Electron).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_AND_NATIVE = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'electron', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'pdfkit'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'release', 'test-results', 'db/migrations'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [...NODE_AND_NATIVE, '**/electron/**', '**/db/**'] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...NODE_AND_NATIVE, 'react', 'react-dom', '@mui/*', '**/electron/**', '**/db/**', '**/renderer/**'] }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['**/renderer/**'] }],
    },
  },
);
