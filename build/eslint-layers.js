// The layers of the house (docs/architecture.md) as one ESLint rule, in the manner of VS Code's
// code-layering rule: each file belongs to a layer by its path; each relative import is resolved
// to the layer of its target and checked against what that layer may import; each package import
// against the packages the layer may not use (Node, Electron, the DOM libraries, the database).
// A pattern list (no-restricted-imports) cannot say this: it sees the specifier text, not where
// `../contract/x` lands.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Layers, most specific path first. `may`: the layers its relative imports may reach. */
export const LAYERS = [
  { name: 'domain', dir: 'shared/domain', may: ['domain'] },
  { name: 'protocol', dir: 'shared/sync', may: ['domain', 'protocol'] },
  { name: 'contract', dir: 'shared/contract', may: ['domain', 'protocol', 'contract'] },
  { name: 'seed', dir: 'db/seed', may: ['domain', 'protocol', 'contract', 'db', 'core', 'hosts-common', 'seed'] },
  { name: 'db', dir: 'db', may: ['domain', 'protocol', 'contract', 'db'] },
  { name: 'core', dir: 'electron/core', may: ['domain', 'protocol', 'contract', 'db', 'core'] },
  { name: 'hosts-common', dir: 'electron/hosts/common', may: ['domain', 'protocol', 'contract', 'db', 'core', 'hosts-common'] },
  { name: 'desktop', dir: 'electron/hosts/desktop', may: ['domain', 'protocol', 'contract', 'db', 'core', 'hosts-common', 'desktop'] },
  { name: 'web', dir: 'electron/hosts/web', may: ['domain', 'protocol', 'contract', 'db', 'core', 'hosts-common', 'web'] },
  { name: 'cli', dir: 'electron/hosts/cli', may: ['domain', 'protocol', 'contract', 'db', 'core', 'hosts-common', 'cli'] },
  // npm start: the desktop app, or the browser host where Electron is not installed.
  { name: 'launch', dir: 'electron/hosts/launch.ts', may: ['hosts-common', 'web', 'launch'] },
  { name: 'renderer', dir: 'renderer', may: ['domain', 'protocol', 'contract', 'renderer'] },
];

const NODE = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib', 'worker_threads'];
const NATIVE = ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'pdfkit', 'fontkit', 'pino', 'pdf-to-printer', 'electron-updater'];
const UI = ['react', 'react/*', 'react-dom', 'react-dom/*', '@mui/*', '@emotion/*', '@tanstack/*'];

/** Packages a layer may not import (besides 'electron', allowed only in the desktop host). */
const FORBIDDEN_PACKAGES = {
  domain: [...NODE, ...NATIVE, ...UI],
  protocol: [...NODE, ...NATIVE, ...UI],
  contract: [...NODE, ...NATIVE, ...UI],
  renderer: [...NODE, ...NATIVE],
  core: UI,
  db: UI,
  seed: UI,
  'hosts-common': UI,
  web: UI,
  cli: UI,
  desktop: UI,
  launch: UI,
};

const NODE_LAYERS = new Set(['db', 'seed', 'core', 'hosts-common', 'desktop', 'web', 'cli', 'launch']);

export function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  return LAYERS.find((l) => rel === l.dir || rel.startsWith(`${l.dir}/`)) ?? null;
}

const matches = (spec, pattern) => (pattern.endsWith('/*') ? spec.startsWith(pattern.slice(0, -1)) : spec === pattern || (pattern.endsWith(':*') && spec.startsWith(pattern.slice(0, -1))));

function check(context, node, spec) {
  if (typeof spec !== 'string') return;
  const from = layerOf(context.filename);
  if (!from) return;
  if (spec.startsWith('.')) {
    const resolved = path.resolve(path.dirname(context.filename), spec);
    // The app's version, read from package.json by the Node layers.
    if (resolved === path.join(ROOT, 'package.json') && NODE_LAYERS.has(from.name)) return;
    const target = layerOf(resolved);
    if (!target) {
      context.report({ node, messageId: 'outside', data: { from: from.name, spec } });
    } else if (!from.may.includes(target.name)) {
      context.report({ node, messageId: 'layer', data: { from: from.name, to: target.name, spec, may: from.may.join(', ') } });
    }
    return;
  }
  const bare = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  if (bare === 'electron' && from.name !== 'desktop') {
    context.report({ node, messageId: 'package', data: { from: from.name, spec } });
    return;
  }
  if ((FORBIDDEN_PACKAGES[from.name] ?? []).some((p) => matches(spec, p))) {
    context.report({ node, messageId: 'package', data: { from: from.name, spec } });
  }
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports respect the layers of docs/architecture.md' },
    schema: [],
    messages: {
      layer: "Layer '{{from}}' may not import layer '{{to}}' ('{{spec}}'); it may import: {{may}}. See docs/architecture.md.",
      outside: "Layer '{{from}}' may not import '{{spec}}': it is outside the layers (test/, build/…).",
      package: "Layer '{{from}}' may not import the package '{{spec}}'. See docs/architecture.md.",
    },
  },
  create(context) {
    return {
      ImportDeclaration: (node) => check(context, node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(context, node.source, node.source.value),
      ExportAllDeclaration: (node) => check(context, node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(context, node.source, node.source.value),
    };
  },
};

export const layersPlugin = { rules: { imports: rule } };
