// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { configs as litConfigs } from 'eslint-plugin-lit';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist-web/**',
      'dist/**',
      'release/**',
      'test/fixtures/**',
      'samples/**',
      // Generated data: images in base64 (scripts/make-dataset-samples.mjs).
      'src-renderer/learn/datasets/**',
      '**/*.d.mts',
      // AssemblyScript (its own types: f64, v128, usize), compiled by scripts/build-kernels.mjs.
      'src-core/kernels/assembly/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'test/ui/**/*.ts', 'test/dom/**/*.ts'],
    plugins: litConfigs['flat/recommended'].plugins,
    rules: litConfigs['flat/recommended'].rules,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
