// The layering rules. Folders: a local rule resolves every relative import to the layer it lands in
// (as VS Code's code-layering does), so `../node/x` from electron/common is caught whatever its
// spelling. Packages: `no-restricted-imports` with exact names, per layer; a Node-only package used
// in common, preload or renderer is an error.
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Which layers each layer may import from (itself included). */
export const ALLOWED = {
  common: ['common'],
  node: ['common', 'node'],
  native: ['common', 'native'],
  preload: ['common', 'preload'],
  main: ['common', 'node', 'native', 'main'],
  host: ['common', 'node', 'native', 'host'],
  cli: ['common', 'node', 'native', 'cli'],
  renderer: ['common', 'renderer'],
};

export function layerOf(absPath) {
  const rel = relative(ROOT, absPath).split(sep).join('/');
  const m = /^electron\/(common|node|main|preload|host|cli)\//.exec(rel);
  if (m) return m[1];
  if (rel.startsWith('native/')) return 'native';
  if (rel.startsWith('renderer/')) return 'renderer';
  return null; // tests, scripts, configs: free to import anything
}

const layeringRule = {
  meta: { type: 'problem', schema: [], messages: { bad: 'Bad layering: {{from}} may not import {{to}} ({{spec}}).' } },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const from = layerOf(file);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = layerOf(resolve(dirname(file), spec));
      if (to && !ALLOWED[from].includes(to)) context.report({ node, messageId: 'bad', data: { from, to, spec } });
    };
    const fromSource = (node) => node.source && check(node, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) =>
        node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal' && check(node, node.arguments[0].value),
    };
  },
};

export const localPlugin = { rules: { layering: layeringRule } };

const NODE_BUILTINS = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'stream', 'worker_threads', 'url', 'util'];
const NODE_PACKAGES = ['better-sqlite3', 'pkcs11js', 'serialport', 'playwright-core', 'commander', 'pdf-lib', '@pdf-lib/fontkit', 'bwip-js', 'pkijs', 'asn1js'];
const NODE_PATTERNS = ['node:*', '@serialport/*'];
const pkgRule = (layer, names, patterns = []) => [
  'error',
  {
    paths: names.map((name) => ({ name, message: `Bad layering: ${layer} may not import this package (see scripts/eslint-layers.mjs).` })),
    patterns: patterns.length ? [{ group: patterns, message: `Bad layering: ${layer} may not import this package.` }] : [],
  },
];

export const layerRules = [
  { plugins: { local: localPlugin }, rules: { 'local/layering': 'error' } },
  { files: ['electron/common/**'], rules: { 'no-restricted-imports': pkgRule('electron/common', [...NODE_BUILTINS, ...NODE_PACKAGES, 'electron', 'react', 'react-dom'], NODE_PATTERNS) } },
  { files: ['electron/node/**', 'native/**', 'electron/host/**', 'electron/cli/**'], rules: { 'no-restricted-imports': pkgRule('this layer', ['electron', 'react', 'react-dom']) } },
  { files: ['electron/preload/**'], rules: { 'no-restricted-imports': pkgRule('electron/preload', [...NODE_BUILTINS, ...NODE_PACKAGES, 'react', 'react-dom'], NODE_PATTERNS) } },
  { files: ['electron/main/**'], rules: { 'no-restricted-imports': pkgRule('electron/main', ['react', 'react-dom']) } },
  { files: ['renderer/**'], rules: { 'no-restricted-imports': pkgRule('renderer', [...NODE_BUILTINS, ...NODE_PACKAGES, 'electron'], NODE_PATTERNS) } },
];
