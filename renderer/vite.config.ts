import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(__dirname);

/** The windows' build, shared by electron-vite (renderer) and the host (`npm run build:web`). */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  resolve: { alias: { '@shared': resolve(root, '../shared') } },
  build: {
    outDir: process.env.CUR_WEB_OUT ?? resolve(root, '../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        wall: resolve(root, 'wall.html'),
        operator: resolve(root, 'operator.html'),
        briefing: resolve(root, 'briefing.html'),
      },
    },
  },
});
