import { defineConfig, defaultClientConditions } from 'vite';
import vue from '@vitejs/plugin-vue';

// Tags starting with "bm-" are custom elements, not Vue components.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('bm-') } } })],
  resolve: { conditions: ['bieumau-source', ...defaultClientConditions] },
  // The large chunk is exceljs, loaded only on import/export.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
