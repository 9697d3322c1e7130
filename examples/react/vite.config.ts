import { defineConfig, defaultClientConditions } from 'vite';

// React 19 JSX is compiled by Vite's built-in transform; the bieumau packages
// resolve to their TypeScript sources inside this repository.
export default defineConfig({
  resolve: { conditions: ['bieumau-source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic' } },
  // The large chunk is exceljs, loaded only on import/export.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
