import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONNECTOR_FORMATS } from '../connectors/types';
import { parseJsonWithLines, positionOf, SettingsError } from './jsonLines';

export const SOURCES_FILE = 'sources.json';
export const SECRETS_FILE = 'secrets.json';

/** One configured source. Credentials are never here: `credential` names an entry of the secret store. */
export const SourceSetting = z
  .object({
    id: z.string().min(1).max(64),
    format: z.enum(CONNECTOR_FORMATS).optional(),
    url: z.string().url(),
    enabled: z.boolean().default(true),
    intervalMs: z.number().int().min(200).max(86_400_000).default(10_000),
    pageSize: z.number().int().min(1).max(10_000).default(1000),
    timeoutMs: z.number().int().min(100).max(600_000).default(15_000),
    maxBytes: z.number().int().min(1024).max(1 << 30).default(64 << 20),
    credential: z.string().min(1).max(64).optional(),
    categoryMap: z.record(z.string(), z.string()).default({}),
    writeBack: z.boolean().default(false),
    variant: z.enum(['json', 'xml']).optional(),
  })
  .strict();
export type SourceSetting = z.infer<typeof SourceSetting>;

export const SourcesSettings = z
  .object({
    sources: z.array(SourceSetting).default([]),
    /** The embedded simulator used when no source is configured. */
    simulator: z.object({ rate: z.number().min(0).max(100_000).default(0.5), faults: z.array(z.string()).default([]) }).strict().optional(),
  })
  .strict();
export type SourcesSettings = z.infer<typeof SourcesSettings>;

/**
 * Reads `<dataDir>/sources.json`. A missing file means "no source configured"; a present but broken
 * one stops with `file:line:column: what is wrong`, since guessing would sync from the wrong place.
 */
export function loadSourcesSettings(dataDir: string): SourcesSettings {
  const file = join(dataDir, SOURCES_FILE);
  if (!existsSync(file)) return { sources: [] };
  return parseSourcesSettings(readFileSync(file, 'utf8'), file);
}

export function parseSourcesSettings(text: string, file: string): SourcesSettings {
  const located = parseJsonWithLines(text, file);
  const parsed = SourcesSettings.safeParse(located.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const extra = issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]!] : path;
    const { line, column } = positionOf(located, extra);
    throw new SettingsError(file, line, column, `${path.join('.') || '(root)'}: ${issue.message}`);
  }
  const seen = new Map<string, number>();
  parsed.data.sources.forEach((s, index) => {
    if (seen.has(s.id)) {
      const { line, column } = positionOf(located, ['sources', index, 'id']);
      throw new SettingsError(file, line, column, `sources.${index}.id: "${s.id}" is configured twice`);
    }
    seen.set(s.id, index);
  });
  return parsed.data;
}

/** Where source credentials live: Electron's safeStorage in the app, an owner-only file in the Node host. */
export interface SecretStore {
  get(name: string): string | null;
}

/**
 * The Node host's secret store: `<dataDir>/secrets.json`, readable by its owner only. Weaker than
 * the OS keychain behind Electron's safeStorage, so using it is said out loud.
 */
export function fileSecretStore(dataDir: string, warn: (message: string) => void = console.warn): SecretStore {
  const file = join(dataDir, SECRETS_FILE);
  let cache: Record<string, string> | null = null;
  return {
    get(name) {
      if (!cache) {
        if (!existsSync(file)) return null;
        if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
          chmodSync(file, 0o600);
          warn(`${file} was readable by others; its mode is now 600`);
        }
        warn(`source credentials are read from ${file} (a file readable by its owner only), not from the OS keychain`);
        cache = z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(file, 'utf8')));
      }
      return cache[name] ?? null;
    },
  };
}

export function writeSecretFile(dataDir: string, secrets: Record<string, string>): void {
  writeFileSync(join(dataDir, SECRETS_FILE), JSON.stringify(secrets, null, 2), { mode: 0o600 });
}

/** What Electron's `safeStorage` offers; passed in so that the core never imports Electron. */
export interface OsEncryption {
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const ENCRYPTED_SECRETS_FILE = 'secrets.enc.json';

/**
 * The app's secret store: `<dataDir>/secrets.enc.json` holds each credential encrypted by the OS
 * (Electron's safeStorage: DPAPI, Keychain, libsecret), base64-encoded. Electron main creates it with
 * `encryptedSecretStore(dataDir, safeStorage)` and passes it as `sync.secrets`.
 */
export function encryptedSecretStore(dataDir: string, os: OsEncryption): SecretStore & { set(name: string, value: string): void } {
  const file = join(dataDir, ENCRYPTED_SECRETS_FILE);
  const read = (): Record<string, string> => (existsSync(file) ? z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(file, 'utf8'))) : {});
  return {
    get(name) {
      const value = read()[name];
      return value === undefined ? null : os.decryptString(Buffer.from(value, 'base64'));
    },
    set(name, value) {
      writeFileSync(file, JSON.stringify({ ...read(), [name]: os.encryptString(value).toString('base64') }, null, 2), { mode: 0o600 });
    },
  };
}
