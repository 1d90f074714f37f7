import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'packages/platform/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // domain is pure: no I/O, no clock, nothing of ours.
    files: ['packages/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'net', 'http', '@qd/*', 'pg', '@electric-sql/*', 'fastify'] },
      ],
    },
  },
  {
    // the browser never imports server code, only contracts.
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@qd/platform', '@qd/gateway', '@qd/console', 'node:*'] },
            {
              // domain only through its pure, dependency-free entry points
              regex: '^@qd/domain(?!/(calendar|export)$)',
              message: 'import only @qd/domain/calendar or @qd/domain/export in the browser',
            },
          ],
          // React 19 APIs that preact/compat, which runs the SPA, does not implement (ADR 0008)
          paths: [
            {
              name: 'react',
              importNames: ['useActionState', 'useOptimistic', 'Activity', 'cache'],
              message: 'the SPA runs on preact/compat, which lacks this React 19 API (ADR 0008)',
            },
            {
              name: 'react-dom',
              importNames: ['useFormStatus', 'preload', 'preinit', 'prefetchDNS', 'preconnect'],
              message: 'the SPA runs on preact/compat, which lacks this react-dom API (ADR 0008)',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // Preact writes the attribute but does not focus a field rendered after load
          selector: "JSXAttribute[name.name='autoFocus']",
          message:
            'use ref={focusOnMount} (ui/focusOnMount.ts): Preact does not focus autoFocus fields',
        },
      ],
    },
  },
  {
    // build-time plugins run in Node inside Vite, never in the browser.
    files: ['apps/web/build/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**'],
    rules: { 'max-lines': 'off' },
  },
);
