import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/api';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { ROOT, tempDir } from '../helpers';

/**
 * Where Electron's binary is missing, the closest thing to `npm start`: electron-vite builds main and
 * the preloads, and the built out/main/index.js boots under plain Node against a fake `electron`
 * package — the core, the sync worker chunk, app://, IPC and the windows, as bundled.
 */
describe('the built shell', () => {
  it('boots from out/main/index.js with its core, sync worker, protocol and IPC', { timeout: 120_000 }, () => {
    const app = tempDir('cur-bundle-');
    execFileSync('npx', ['electron-vite', 'build', '--outDir', join(app, 'out')], {
      cwd: ROOT,
      env: { ...process.env, CUR_BUILD_SHELL_ONLY: '1' },
      stdio: 'pipe',
    });
    for (const role of ['wall', 'operator', 'briefing']) {
      expect(existsSync(join(app, 'out', 'preload', `${role}.cjs`)), role).toBe(true);
    }
    mkdirSync(join(app, 'out', 'renderer'));
    writeFileSync(join(app, 'out', 'renderer', 'wall.html'), '<!doctype html><title>wall</title>');
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'cur-bundle', type: 'module', main: 'out/main/index.js' }),
    );
    symlinkSync(join(ROOT, 'resources'), join(app, 'resources'));
    // The repo's packages, except that `electron` is the fake: its binary cannot run here.
    mkdirSync(join(app, 'node_modules'));
    for (const name of readdirSync(join(ROOT, 'node_modules'))) {
      if (name !== 'electron' && name !== '.bin')
        symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name));
    }
    cpSync(join(ROOT, 'tests', 'unit', 'electron', 'bundle', 'electron'), join(app, 'node_modules', 'electron'), {
      recursive: true,
    });

    const output = execFileSync(process.execPath, [join(ROOT, 'tests', 'unit', 'electron', 'bundle', 'drive.mjs')], {
      cwd: app,
      env: { ...process.env, CUR_DATA_DIR: join(app, 'data') },
      encoding: 'utf8',
      timeout: 90_000,
    });
    const line = output.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, output).toBeDefined();
    const result = JSON.parse(line!.slice('RESULT '.length));
    expect(result).toEqual({
      errors: [],
      windows: [
        { url: 'app://cur/wall', kiosk: true, preload: join(app, 'out', 'preload', 'wall.cjs') },
        { url: 'app://cur/operator', kiosk: false, preload: join(app, 'out', 'preload', 'operator.cjs') },
      ],
      schemes: ['app'],
      channels: [...methodNames].sort(),
      menu: ['Файл', 'Правка', 'Вид', 'Окно'],
      page: { status: 200, csp: CONTENT_SECURITY_POLICY },
      region: { status: 200, type: 'application/geo+json; charset=utf-8' },
      summary: true,
      forbidden: 'forbidden',
      networkCancelled: true,
      synced: true,
    });
  });
});
