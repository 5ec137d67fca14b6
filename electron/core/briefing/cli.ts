import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { type OfflineCore, openOfflineCore } from './offlineCore';
import { SnapshotError } from './snapshotFile';

async function askPassphrase(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  try {
    return await rl.question('Пароль снимка брифинга: ');
  } finally {
    rl.close();
  }
}

/**
 * `npm run serve -- --snapshot <file>`: the passphrase comes from a file, CUR_BRIEFING_PASSPHRASE or
 * the terminal (never from the command line, where other users could read it in the process list).
 */
export async function openSnapshotFromCli(
  file: string,
  passphraseFile: string | undefined,
  fail: (message: string) => never,
): Promise<OfflineCore & { banner: string }> {
  let passphrase: string;
  try {
    passphrase = passphraseFile
      ? readFileSync(passphraseFile, 'utf8').replace(/\r?\n$/, '')
      : (process.env.CUR_BRIEFING_PASSPHRASE ?? (await askPassphrase()));
  } catch (error) {
    fail(`cannot read the passphrase: ${(error as Error).message}`);
  }
  try {
    const core = openOfflineCore(file, passphrase);
    const at = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeStyle: 'short', timeZone: core.pack.config.timeZone }).format(core.dataAt);
    return Object.assign(core, { banner: `ЦУР: брифинг из снимка ${file}, данные на ${at}; без сети и синхронизации` });
  } catch (error) {
    if (error instanceof SnapshotError) fail(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') fail(`файл снимка не найден: ${file}`);
    throw error;
  }
}
