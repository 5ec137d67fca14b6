/**
 * The file-import handlers: a supervisor uploads a hotline export in chunks (the same calls over
 * IPC and WebSocket), previews it, maps its columns and imports it in the background on the
 * core's thread, in small batches so that the windows stay responsive.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError } from '../../../shared/api';
import {
  FILE_IMPORT_KINDS,
  type ImportEncoding,
  type ImportFormat,
  type ImportProgress,
  IMPORT_MAX_BYTES,
} from '../../../shared/api/imports';
import { createLocator } from '../connectors/geo';
import type { NormalizeContext } from '../connectors/types';
import type { Db } from '../db/open';
import { listSources } from '../db/reference';
import { assertSupervisor } from '../operator/access';
import { userOf } from '../operator/auth';
import type { RegionPack } from '../region/pack';
import type { CallContext, EventBus, HandlerMap } from '../rpc';
import { loadCsvMapping } from './csvImport';
import { importFile, previewFile } from './fileImport';

export interface ImportEnv {
  db: Db;
  bus: EventBus;
  pack: RegionPack;
  dataDir: string;
  /** Rows per transaction; small so that a window's call waits at most one batch. */
  batchSize?: number;
  /** Least time between two progress events of one import. */
  throttleMs?: number;
  /** Uploads untouched for longer are dropped when a new one begins. */
  idleMs?: number;
  /** Uploads open at once (each may hold up to 2 GiB on disk). */
  maxUploads?: number;
}

interface Upload {
  id: string;
  path: string;
  size: number;
  format: ImportFormat;
  encoding: ImportEncoding;
  sourceId: string;
  received: number;
  fd: number | null;
  state: 'uploading' | 'uploaded' | 'running';
  touchedAt: number;
  columns?: string[];
  controller?: AbortController;
}

/** Where uploads wait for their import; emptied at every start, so a crash leaves nothing behind. */
export const importTempDir = (dataDir: string) => join(dataDir, 'import-uploads');

export function importHandlers(env: ImportEnv): HandlerMap {
  const { db, bus, pack } = env;
  const dir = importTempDir(env.dataDir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const uploads = new Map<string, Upload>();
  const throttleMs = env.throttleMs ?? 250;
  let locate: ReturnType<typeof createLocator> | null = null;

  const supervisor = (ctx: CallContext) => assertSupervisor(userOf(db, ctx), 'import files');
  const uploadOf = (id: string) => {
    const upload = uploads.get(id);
    if (!upload) throw new ContractError(`Upload ${id} does not exist (finished, cancelled or expired)`, 'failed');
    upload.touchedAt = Date.now();
    return upload;
  };
  const drop = (upload: Upload) => {
    if (upload.fd !== null) closeSync(upload.fd);
    upload.fd = null;
    rmSync(upload.path, { force: true });
    uploads.delete(upload.id);
  };
  const dropIdle = () => {
    const cutoff = Date.now() - (env.idleMs ?? 60 * 60_000);
    for (const upload of uploads.values()) if (upload.state !== 'running' && upload.touchedAt < cutoff) drop(upload);
  };
  const context = (sourceId: string): NormalizeContext => {
    locate ??= createLocator(pack);
    return {
      sourceId,
      locate,
      categories: new Set(pack.config.categories.map((c) => c.id)),
      municipalities: new Set(pack.municipalities.map((m) => m.id)),
      categoryMap: {},
      now: Date.now(),
    };
  };
  const columnsOf = async (upload: Upload) => {
    upload.columns ??= (await previewFile(upload.path, upload.format, upload.encoding, 0)).columns;
    return upload.columns;
  };

  const run = async (upload: Upload, mapping: Parameters<typeof importFile>[2]['mapping']) => {
    const controller = new AbortController();
    upload.controller = controller;
    upload.state = 'running';
    let last: ImportProgress = {
      uploadId: upload.id,
      rows: 0,
      stored: 0,
      quarantined: 0,
      bytes: 0,
      totalBytes: upload.format === 'csv' ? upload.size : null,
      state: 'running',
    };
    let emittedAt = 0;
    const emit = (progress: ImportProgress, force = false) => {
      last = progress;
      const t = Date.now();
      if (!force && t - emittedAt < throttleMs) return;
      emittedAt = t;
      bus.emit('import:progress', progress);
      // The import writes on the core's own connection, which the data_version watcher cannot see.
      bus.emit('db:changed', { tables: ['appeals', 'quarantine'] });
    };
    emit(last, true);
    try {
      const result = await importFile(db, context(upload.sourceId), {
        file: upload.path,
        format: upload.format,
        encoding: upload.encoding,
        sourceId: upload.sourceId,
        mapping,
        batchSize: env.batchSize ?? 500,
        signal: controller.signal,
        onProgress: (p) =>
          emit({
            uploadId: upload.id,
            rows: p.rows,
            stored: p.stored,
            quarantined: p.quarantined,
            bytes: p.bytes,
            totalBytes: p.totalBytes,
            state: 'running',
          }),
      });
      const { cancelled, ...counts } = result;
      emit({ uploadId: upload.id, ...counts, state: cancelled ? 'cancelled' : 'done' }, true);
    } catch (error) {
      emit({ ...last, state: 'failed', error: (error as Error).message }, true);
    } finally {
      drop(upload);
    }
  };

  return {
    'import:begin': (arg, ctx) => {
      supervisor(ctx);
      const source = listSources(db).find((s) => s.id === arg.sourceId);
      if (!source || !FILE_IMPORT_KINDS.includes(source.kind))
        throw new ContractError(`Source ${arg.sourceId} does not take file imports`, 'bad-argument');
      if (arg.size > IMPORT_MAX_BYTES)
        throw new ContractError(`The file is larger than ${IMPORT_MAX_BYTES} bytes`, 'bad-argument');
      dropIdle();
      if (uploads.size >= (env.maxUploads ?? 4))
        throw new ContractError('Too many uploads at once: finish or cancel one first', 'conflict');
      const id = randomBytes(16).toString('hex');
      const path = join(dir, `${id}.${arg.format}`);
      const fd = openSync(path, 'wx', 0o600);
      uploads.set(id, {
        id,
        path,
        size: arg.size,
        format: arg.format,
        encoding: arg.encoding ?? 'utf-8',
        sourceId: arg.sourceId,
        received: 0,
        fd,
        state: 'uploading',
        touchedAt: Date.now(),
      });
      return { uploadId: id };
    },
    'import:chunk': (arg, ctx) => {
      supervisor(ctx);
      const upload = uploadOf(arg.uploadId);
      if (upload.state !== 'uploading' || upload.fd === null)
        throw new ContractError('The upload is already complete', 'conflict');
      if (arg.offset !== upload.received)
        throw new ContractError(`Expected offset ${upload.received}, got ${arg.offset}`, 'conflict');
      const data = Buffer.from(arg.data, 'base64');
      if (upload.received + data.length > upload.size)
        throw new ContractError(`The chunk goes past the announced size of ${upload.size} bytes`, 'bad-argument');
      writeSync(upload.fd, data, 0, data.length, upload.received);
      upload.received += data.length;
      if (upload.received === upload.size) {
        closeSync(upload.fd);
        upload.fd = null;
        upload.state = 'uploaded';
      }
      return { received: upload.received };
    },
    'import:preview': async (arg, ctx) => {
      supervisor(ctx);
      const upload = uploadOf(arg.uploadId);
      if (upload.state === 'uploading')
        throw new ContractError(`The upload is incomplete: ${upload.received} of ${upload.size} bytes`, 'conflict');
      let preview;
      try {
        preview = await previewFile(upload.path, upload.format, upload.encoding, 5);
      } catch (error) {
        throw new ContractError(`The file cannot be read: ${(error as Error).message}`, 'failed');
      }
      upload.columns = preview.columns;
      return { ...preview, mapping: loadCsvMapping(db, upload.sourceId) };
    },
    'import:start': async (arg, ctx) => {
      supervisor(ctx);
      const upload = uploadOf(arg.uploadId);
      if (upload.state !== 'uploaded')
        throw new ContractError(
          upload.state === 'running' ? 'The import is already running' : 'The upload is incomplete',
          'conflict',
        );
      const columns = new Set(await columnsOf(upload));
      const { categoryMap: _categoryMap, ...fields } = arg.mapping;
      const unknown = Object.entries(fields).filter(([, column]) => column !== undefined && !columns.has(column));
      if (unknown.length)
        throw new ContractError(
          `The file has no column ${unknown.map(([field, column]) => `${JSON.stringify(column)} (${field})`).join(', ')}`,
          'bad-argument',
        );
      // Checked again just before the run starts: two clicks must not start two imports.
      if (upload.state !== 'uploaded') throw new ContractError('The import is already running', 'conflict');
      void run(upload, arg.mapping);
      return { ok: true as const };
    },
    'import:cancel': (arg, ctx) => {
      supervisor(ctx);
      const upload = uploadOf(arg.uploadId);
      if (upload.state === 'running') upload.controller?.abort();
      else drop(upload);
      return { ok: true as const };
    },
  };
}
