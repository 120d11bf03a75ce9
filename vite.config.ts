import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is one static build served by app:// in Electron and by the browser host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
