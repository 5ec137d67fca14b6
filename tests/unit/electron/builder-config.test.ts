import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers';

// Packaging needs Electron's download, impossible on some machines; electron-builder's own loader and
// schema validation run offline, so the configuration is at least checked the way `npm run dist` would.
const require = createRequire(import.meta.url);
interface BuilderConfig {
  files: { filter: string[] }[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  linux: { target: { target: string; arch: string[] }[] };
  win: { target: { target: string; arch: string[] }[] };
  npmRebuild: boolean;
  directories: { output: string };
  [key: string]: unknown;
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const load = () => getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation used here does reject a broken configuration', async () => {
    const config = { ...(await load()), linux: { target: 'AppImage', desktopp: {} } } as unknown as BuilderConfig;
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration object.*\n[^]*linux/,
    );
  });

  it('builds AppImage, deb and rpm for Linux and an NSIS installer for Windows', async () => {
    const config = await load();
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.directories.output).toBe('dist');
  });

  it('rebuilds better-sqlite3 for Electron and keeps native modules out of the asar', async () => {
    const config = await load();
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // Only `dependencies` are packaged (and rebuilt): the native module must be one.
    expect(pkg.dependencies).toHaveProperty('better-sqlite3');
  });

  it('ships the region packs as extra resources where the packaged shell looks for them', async () => {
    const config = await load();
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'resources/regions', to: 'regions' })]);
    expect(existsSync(join(ROOT, 'resources', 'regions', 'RU-NIZ', 'municipalities.geojson'))).toBe(true);
  });

  it('packages what electron-vite builds, and package.json points at it', async () => {
    const config = await load();
    const filter = config.files.flatMap((f) => f.filter);
    expect(filter).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('is found by electron-builder from the project directory as well', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    writeFileSync(join(dir, 'electron-builder.yml'), readFileSync(join(ROOT, 'electron-builder.yml')));
    const config = (await getConfig(dir, null as unknown as string, null)) as BuilderConfig;
    expect(config.linux.target).toHaveLength(3);
  });
});
