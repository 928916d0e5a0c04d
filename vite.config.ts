import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a static bundle: the Electron shell serves it over its own
// protocol and the web host over loopback HTTP. Relative base works for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No source maps: the packaged app ships the bundle only.
    sourcemap: false,
    target: 'es2023',
    // The passphrase-strength dictionaries are one lazily loaded 1.7 MB chunk, by design.
    chunkSizeWarningLimit: 2000,
  },
});
