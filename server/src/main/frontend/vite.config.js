import { defineConfig } from 'vite';

// The bundle goes straight into the server's classes: the jar serves it at / (classpath folder "dashboard").
export default defineConfig({
  base: './',
  build: {
    outDir: '../../../target/classes/dashboard',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
  },
});
