// Builds the web app into apps/web/dist, which the API serves; in development, Vite serves it and
// passes API and docs requests through to the API on port 3000.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: {
        // The shared package is pure functions and schemas: nothing in it runs for its effect on
        // import. Said so, a page takes only what it uses, and the API contract's schemas (and
        // zod with them) stay out of every page that has no form to check.
        moduleSideEffects: [{ test: /\/packages\/shared\/src\//, sideEffects: false }],
      },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/docs': api,
    },
  },
});
