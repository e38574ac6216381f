// Lint: typescript-eslint's recommended rules plus the layering rule that keeps imports flowing one
// way (common ← node ← main/host/cli; common ← preload; common ← renderer; common ← native).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerRules } from './scripts/eslint-layers.mjs';

// Checklist items 8–10: these web preferences are never set.
const checklistSyntax = [
  { selector: "Property[key.name='allowRunningInsecureContent'][value.value=true]", message: 'allowRunningInsecureContent is banned (Electron checklist 8).' },
  { selector: "Property[key.name='experimentalFeatures'][value.value=true]", message: 'experimentalFeatures is banned (Electron checklist 9).' },
  { selector: "Property[key.name='enableBlinkFeatures']", message: 'enableBlinkFeatures is banned (Electron checklist 10).' },
  { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'nodeIntegration is banned (Electron checklist 2).' },
  { selector: "Property[key.name='contextIsolation'][value.value=false]", message: 'contextIsolation must stay on (Electron checklist 3).' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'release/**', 'out/**', 'electron/node/db/migrations/index.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...checklistSyntax],
    },
  },
  { files: ['scripts/**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-syntax': [
        'error',
        ...checklistSyntax,
        // A browser host keeps what was typed into a submitted form (a citizen's ID number, name, phone) and offers it to the next person.
        { selector: "JSXOpeningElement[name.name='form']:not(:has(JSXAttribute[name.name='autoComplete'][value.value='off']))", message: 'Every <form> says autoComplete="off": a browser would keep what the officer typed about a citizen.' },
      ],
    },
  },
  ...layerRules,
);
