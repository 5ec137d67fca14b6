/**
 * The offline briefing file: gzip'd JSON sealed with AES-256-GCM under a key derived from the
 * passphrase by scrypt. Layout (all integers unsigned bytes):
 *
 *   "CURBRIEF" | version=1 | kdf=1 (scrypt) | log2(N) | r | p | salt[16] | iv[12] | ciphertext | tag[16]
 *
 * The whole header is authenticated (GCM additional data), so any changed byte anywhere, or the
 * wrong passphrase, fails the tag check and nothing is ever decoded from a damaged file.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

const MAGIC = Buffer.from('CURBRIEF', 'ascii');
const VERSION = 1;
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 5 + SALT_BYTES + IV_BYTES;

/** scrypt cost: ~0.1–0.3 s on a laptop, 32 MiB of memory. */
const DEFAULT_KDF = { log2N: 15, r: 8, p: 1 };

export const SNAPSHOT_EXTENSION = '.cur-briefing';

export type SnapshotErrorCode = 'not-a-snapshot' | 'unsupported-version' | 'wrong-passphrase-or-damaged';

export class SnapshotError extends Error {
  override name = 'SnapshotError';
  constructor(
    message: string,
    readonly code: SnapshotErrorCode,
  ) {
    super(message);
  }
}

export const WRONG_PASSPHRASE_MESSAGE = 'Неверный пароль или файл повреждён';

function deriveKey(passphrase: string, salt: Buffer, kdf: typeof DEFAULT_KDF): Buffer {
  const N = 2 ** kdf.log2N;
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r + (1 << 20) });
}

export function sealSnapshot(content: unknown, passphrase: string, kdf = DEFAULT_KDF): Buffer {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION, KDF_SCRYPT, kdf.log2N, kdf.r, kdf.p]), salt, iv]);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, kdf), iv);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(gzipSync(Buffer.from(JSON.stringify(content), 'utf8'), { level: 9 })), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export function openSnapshotBuffer(file: Buffer, passphrase: string): unknown {
  if (file.length < HEADER_BYTES + TAG_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new SnapshotError('Это не файл брифинга ЦУР', 'not-a-snapshot');
  }
  let at = MAGIC.length;
  const version = file[at++]!;
  const kdfId = file[at++]!;
  const kdf = { log2N: file[at++]!, r: file[at++]!, p: file[at++]! };
  if (version !== VERSION || kdfId !== KDF_SCRYPT) {
    // A damaged version byte looks the same as a newer file: say both.
    throw new SnapshotError(`Файл брифинга версии ${version} не поддерживается этой версией программы (или файл повреждён)`, 'unsupported-version');
  }
  // Bounds keep a damaged header from asking scrypt for gigabytes.
  if (kdf.log2N < 10 || kdf.log2N > 20 || kdf.r < 1 || kdf.r > 16 || kdf.p < 1 || kdf.p > 4) {
    throw new SnapshotError(WRONG_PASSPHRASE_MESSAGE, 'wrong-passphrase-or-damaged');
  }
  const salt = file.subarray(at, (at += SALT_BYTES));
  const iv = file.subarray(at, (at += IV_BYTES));
  const header = file.subarray(0, at);
  const body = file.subarray(at, file.length - TAG_BYTES);
  const tag = file.subarray(file.length - TAG_BYTES);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt, kdf), iv);
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new SnapshotError(WRONG_PASSPHRASE_MESSAGE, 'wrong-passphrase-or-damaged');
  }
  return JSON.parse(gunzipSync(plain).toString('utf8'));
}
