// Lint: typescript-eslint's recommended rules, React hooks rules, and the layers of
// docs/architecture.md as one rule (build/eslint-layers.js): what each layer may import, by where
// the import lands, and which packages it may not use (the renderer and shared/ never touch
// Node; only the desktop host imports Electron); SQL text never built by splicing strings
// (build/eslint-sql.js), and the raw connection (`$client`) reached only in db/.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './build/eslint-layers.js';
import { sqlPlugin } from './build/eslint-sql.js';

const SQL_TEMPLATE_TAG = { name: 'sql-template-tag', message: 'Use the sql tag of db/sql.ts.' };
const DRIZZLE_SQL = ['drizzle-orm', 'drizzle-orm/sql', 'drizzle-orm/sql/sql'].map((name) => ({
  name,
  importNames: ['sql', 'SQL'],
  message: "drizzle's sql.raw takes any string: use the sql tag of db/sql.ts (drizzle's sql only in db/schema.ts and accounts/users.ts).",
}));

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
      // MUI 9's Typography takes its text colours as textPrimary / textSecondary / textDisabled;
      // a palette path such as "text.secondary" in its color prop is silently ignored.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXOpeningElement[name.name='Typography'] > JSXAttribute[name.name='color'][value.value=/^text\\./]", message: 'Typography color="text.x" has no effect in MUI 9: use color="textSecondary" (or textPrimary, textDisabled).' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'db/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/imports': 'error' },
  },
  {
    // SQL only through the `sql` tag of db/sql.ts (build/eslint-sql.js), whose narrow escape
    // (ident) is the only way to put non-template text in a statement: the tag's package and its
    // unrestricted `raw` are imported nowhere else, and drizzle's `sql` (whose `sql.raw` takes
    // any string) only where drizzle's own query builders need it (below). The two statement
    // caches, which turn a checked text or `Sql` into a statement, are the rule's only exceptions.
    files: ['electron/**/*.ts', 'db/**/*.ts'],
    ignores: ['db/sql.ts', 'electron/core/sync/statements.ts'],
    plugins: { sql: sqlPlugin },
    rules: {
      'sql/no-built-sql': 'error',
      'no-restricted-imports': ['error', { paths: [SQL_TEMPLATE_TAG, ...DRIZZLE_SQL] }],
    },
  },
  {
    // Writes only through the one write path (electron/core/registry.ts ctx.write): the raw
    // connection ($client) is reached in db/ only, where connections are opened (build/eslint-sql.js).
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { sql: sqlPlugin },
    rules: { 'sql/no-raw-connection': 'error' },
  },
  {
    // drizzle's `sql` for an expression index (db/schema.ts) and a case-insensitive username
    // match in a drizzle query (accounts/users.ts); `sql.raw` stays refused by sql/no-built-sql.
    files: ['db/schema.ts', 'electron/core/accounts/users.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [SQL_TEMPLATE_TAG] }] },
  },
  {
    files: ['electron/core/sync/statements.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [SQL_TEMPLATE_TAG, ...DRIZZLE_SQL] }] },
  },
);
