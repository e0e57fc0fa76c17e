import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console: built into web/dist (served by the API server at /), or served by Vite in development with the API
// proxied to a Backlot on port 3000 (BACKLOT_URL to change it).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline data: URLs for small assets (the CSP allows them for images only).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.BACKLOT_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
