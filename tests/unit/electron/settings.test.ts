import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSettingsStore,
  loadShellSettings,
  saveShellSettings,
  shellSettingsFile,
} from '../../../electron/main/settings';
import { tempDir } from '../helpers';

describe('shell settings (shell.json)', () => {
  it('round-trips through the file', () => {
    const file = shellSettingsFile(tempDir());
    saveShellSettings(file, {
      wallDisplayId: 7,
      operatorBounds: { x: 1, y: 2, width: 1000, height: 700, maximized: true },
    });
    expect(loadShellSettings(file)).toEqual({
      wallDisplayId: 7,
      operatorBounds: { x: 1, y: 2, width: 1000, height: 700, maximized: true },
    });
  });

  it('gives defaults for a missing file, silently', () => {
    const warnings: string[] = [];
    expect(loadShellSettings(join(tempDir(), 'shell.json'), (m) => warnings.push(m))).toEqual({});
    expect(warnings).toEqual([]);
  });

  it('gives defaults and says why for a malformed or invalid file', () => {
    const dir = tempDir();
    const warnings: string[] = [];
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(loadShellSettings(join(dir, 'bad.json'), (m) => warnings.push(m))).toEqual({});
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ wallDisplayId: 'second' }));
    expect(loadShellSettings(join(dir, 'wrong.json'), (m) => warnings.push(m))).toEqual({});
    expect(warnings[0]).toMatch(/not JSON/);
    expect(warnings[1]).toMatch(/wallDisplayId/);
  });

  it('a store writes every update through', () => {
    const file = shellSettingsFile(tempDir());
    const store = createSettingsStore(file);
    store.update({ wallDisplayId: 3 });
    store.update({ operatorBounds: { x: 0, y: 0, width: 900, height: 600, maximized: false } });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(store.get());
    expect(createSettingsStore(file).get().wallDisplayId).toBe(3);
  });
});
