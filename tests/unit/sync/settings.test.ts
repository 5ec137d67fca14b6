import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsError } from '../../../electron/core/settings/jsonLines';
import { encryptedSecretStore, fileSecretStore, loadSourcesSettings, parseSourcesSettings, writeSecretFile } from '../../../electron/core/settings/sources';
import { resolveConfigured } from '../../../electron/core/sync/resolve';
import { tempDir } from '../helpers';
import { region } from './helpers';

const errorOf = (text: string) => {
  try {
    parseSourcesSettings(text, 'sources.json');
  } catch (error) {
    if (error instanceof SettingsError) return `${error.line}:${error.column} ${error.detail}`;
    throw error;
  }
  return 'no error';
};

describe('sources.json', () => {
  it('a missing file means no source is configured', () => {
    expect(loadSourcesSettings(tempDir())).toEqual({ sources: [] });
  });

  it('fills defaults and resolves credentials from the secret store, never from the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sources.json'), JSON.stringify({ sources: [{ id: 'pos', url: 'https://pos.example/api/', credential: 'pos-token', writeBack: true }] }));
    writeSecretFile(dir, { 'pos-token': 's3cret' });
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const settings = loadSourcesSettings(dir);
    expect(settings.sources[0]).toMatchObject({ id: 'pos', intervalMs: 10_000, pageSize: 1000, enabled: true, writeBack: true });
    const warnings: string[] = [];
    const [pos] = resolveConfigured(settings, region(), fileSecretStore(dir, (m) => warnings.push(m)));
    expect(pos).toMatchObject({ format: 'pos', kind: 'pos', name: 'ПОС «Решаем вместе»', headers: { authorization: 'Bearer s3cret' } });
    expect(warnings.join()).toMatch(/readable by its owner only/);
  });

  it('names the line and column of a syntax error', () => {
    expect(errorOf('{\n  "sources": [\n    { "id": "pos", }\n  ]\n}')).toBe('3:20 expected a property name in double quotes');
    expect(errorOf('{\n  "sources": [\n    { "id": "pos" "url": "x" }')).toMatch(/^3:19 expected "," or "}"/);
  });

  it('names the line of a value that fails the schema, or of the object missing a key', () => {
    const text = '{\n  "sources": [\n    {\n      "id": "pos",\n      "url": "https://x.example/",\n      "pageSize": -5\n    },\n    {\n      "id": "gzhi"\n    }\n  ]\n}';
    expect(errorOf(text)).toMatch(/^6:19 sources\.0\.pageSize: /);
    expect(errorOf(text.replace('-5', '100'))).toMatch(/^8:5 sources\.1\.url: /);
    expect(errorOf('{\n  "sources": [],\n  "colour": "red"\n}')).toMatch(/^3:13 \(root\): .*colour/);
    expect(errorOf('{"sources": [{"id": "a", "url": "http://a/"},\n {"id": "a", "url": "http://b/"}]}')).toMatch(/^2:9 sources\.1\.id: "a" is configured twice/);
  });
});

describe('encrypted secret store', () => {
  it('keeps credentials only in their OS-encrypted form on disk', () => {
    const dir = tempDir();
    // A stand-in for Electron's safeStorage: reversible, and never the plain text.
    const os = { encryptString: (s: string) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x5a)), decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString() };
    const store = encryptedSecretStore(dir, os);
    store.set('pos-token', 'very-secret');
    expect(store.get('pos-token')).toBe('very-secret');
    expect(store.get('other')).toBeNull();
    expect(readFileSync(join(dir, 'secrets.enc.json'), 'utf8')).not.toContain('very-secret');
  });
});
