import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'electron-vite';
import { loadConfigFromFile } from 'vite';

const root = resolve(__dirname);
const ROLES = ['wall', 'operator', 'briefing'] as const;

/**
 * Main, the three preloads and the windows. The windows reuse renderer/vite.config.ts (loaded the way
 * Vite loads it), so the Electron app and the host (`npm run build:web`) serve the very same files.
 */
export default defineConfig(async (env): Promise<UserConfig> => {
  const web = (await loadConfigFromFile(env, resolve(root, 'renderer/vite.config.ts')))?.config;
  if (!web) throw new Error('renderer/vite.config.ts not found');
  return {
    main: {
      build: {
        // The native module stays a runtime import: it is rebuilt for Electron, never bundled.
        externalizeDeps: { include: ['better-sqlite3'] },
        rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
      },
    },
    preload: {
      build: {
        // Sandboxed preloads can require nothing but 'electron': each is one self-contained CommonJS file.
        externalizeDeps: false,
        isolatedEntries: true,
        rollupOptions: {
          input: Object.fromEntries(ROLES.map((role) => [role, resolve(root, `electron/preload/${role}.ts`)])),
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    // CUR_BUILD_SHELL_ONLY=1 builds main and preloads alone (the bundle smoke test boots them under Node).
    ...(process.env.CUR_BUILD_SHELL_ONLY === '1'
      ? {}
      : {
          renderer: {
            root: web.root,
            base: web.base,
            plugins: web.plugins,
            resolve: web.resolve,
            // Without an outDir of its own: electron-vite's out/renderer (or --outDir) rather than CUR_WEB_OUT.
            build: { ...web.build, outDir: undefined },
          },
        }),
  };
});
