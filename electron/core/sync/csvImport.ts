import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { z } from 'zod';
import { CsvMapping } from '../../../shared/api/imports';
import { mapCategory, mapStatus, placeOf } from '../connectors/common';
import { toMs } from '../connectors/feed';
import type { Connector, Normalized, NormalizeContext } from '../connectors/types';
import type { Db } from '../db/open';
import { prepareBatchStore } from './store';

// The schema lives in the contract, where the mapping form reads it; re-exported for the core's callers.
export { CsvMapping };

const key = (sourceId: string) => `csv-mapping:${sourceId}`;

export function saveCsvMapping(db: Db, sourceId: string, mapping: CsvMapping): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key(sourceId), JSON.stringify(CsvMapping.parse(mapping)));
}

export function loadCsvMapping(db: Db, sourceId: string): z.output<typeof CsvMapping> | null {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key(sourceId)) as string | undefined;
  return value ? CsvMapping.parse(JSON.parse(value)) : null;
}

/** Dates as hotlines export them: ISO 8601 or the Russian "ДД.ММ.ГГГГ ЧЧ:ММ[:СС]" in the region's zone offset. */
export function parseHotlineDate(text: string, offset = '+03:00'): number | undefined {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (m) {
    const ms = Date.parse(`${m[3]}-${m[2]}-${m[1]}T${(m[4] ?? '0').padStart(2, '0')}:${m[5] ?? '00'}:${m[6] ?? '00'}${offset}`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return toMs(text.trim());
}

export function csvConnector(mapping: z.output<typeof CsvMapping>): Connector {
  const col = (row: Record<string, string>, name: string | undefined) => (name ? (row[name]?.trim() ?? '') : '');
  return {
    format: 'pos',
    fetchPage: () => Promise.reject(new Error('file import has no remote pages')),
    normalize(value: unknown, ctx: NormalizeContext): Normalized {
      const row = value as Record<string, string>;
      const externalId = col(row, mapping.externalId);
      if (!externalId) return { kind: 'invalid', reason: `${mapping.externalId}: empty` };
      const receivedAt = parseHotlineDate(col(row, mapping.receivedAt));
      if (receivedAt === undefined) return { kind: 'invalid', reason: `${mapping.receivedAt}: not a date: ${JSON.stringify(col(row, mapping.receivedAt))}` };
      const text = col(row, mapping.text);
      if (!text) return { kind: 'invalid', reason: `${mapping.text}: empty` };
      const statusWord = col(row, mapping.status);
      const status = statusWord ? mapStatus(statusWord) : 'new';
      if (!status) return { kind: 'invalid', reason: `${mapping.status}: unknown status ${JSON.stringify(statusWord)}` };
      const lat = Number(col(row, mapping.lat).replace(',', '.'));
      const lon = Number(col(row, mapping.lon).replace(',', '.'));
      const hasPoint = mapping.lat && mapping.lon && col(row, mapping.lat) !== '' && col(row, mapping.lon) !== '';
      const place = placeOf(col(row, mapping.municipality) || null, hasPoint ? lon : null, hasPoint ? lat : null, ctx);
      const category = col(row, mapping.category);
      const name = col(row, mapping.name);
      const phone = col(row, mapping.phone);
      return {
        kind: 'appeal',
        appeal: {
          sourceId: ctx.sourceId,
          externalId,
          channel: 'phone',
          receivedAt,
          sourceUpdatedAt: receivedAt,
          text,
          categoryId: mapCategory(mapping.categoryMap[category] ?? category, ctx),
          municipalityId: place.municipalityId,
          address: col(row, mapping.address) || null,
          lon: place.lon,
          lat: place.lat,
          status,
          author: name || phone ? { name: name || null, phone: phone || null, email: null } : null,
        },
      };
    },
  };
}

/** Russian exports (Excel's "CSV") use ';'; others ',' or tab: the header line tells. */
export function sniffDelimiter(file: string, encoding: string): string {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(4096);
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const line = iconv.decode(head.subarray(0, n), encoding).split(/\r?\n/)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, line.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

export interface FileProgress {
  bytes: number;
  /** Null when the reader cannot tell how far it is (XLSX reads the zip ahead of the rows). */
  totalBytes: number | null;
  rows: number;
  stored: number;
  quarantined: number;
}

export interface CsvProgress extends FileProgress {
  totalBytes: number;
}

/** Where rows come from: a CSV or XLSX stream, each row keyed by the file's header names. */
export interface RowSource {
  rows: AsyncIterable<Record<string, string>>;
  /** Bytes of the file read so far. */
  bytesRead(): number;
  totalBytes: number | null;
  /** Stops reading (cancel); the iterator may then end early. */
  close(): void;
}

/** A CSV export decoded from `encoding`, split on `delimiter` (sniffed when absent). */
export function csvRowSource(file: string, encoding: string, delimiter?: string, onHeader?: (columns: string[]) => void): RowSource {
  const input = createReadStream(file);
  const parser = input.pipe(iconv.decodeStream(encoding)).pipe(
    parse({
      columns: (header: string[]) => {
        onHeader?.(header);
        return header;
      },
      bom: true,
      delimiter: delimiter ?? sniffDelimiter(file, encoding),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }),
  );
  return {
    rows: parser as AsyncIterable<Record<string, string>>,
    bytesRead: () => input.bytesRead,
    totalBytes: statSync(file).size,
    close: () => input.destroy(),
  };
}

export interface RowImportOptions {
  sourceId: string;
  /** Absent: the mapping saved for this source. Given: used and saved for next time. */
  mapping?: CsvMapping;
  batchSize?: number;
  onProgress?: (progress: FileProgress) => void;
  signal?: AbortSignal;
}

export interface CsvImportOptions extends Omit<RowImportOptions, 'onProgress'> {
  onProgress?: (progress: CsvProgress) => void;
  file: string;
  encoding: 'utf-8' | 'windows-1251';
  delimiter?: string;
}

/**
 * Streams a hotline export into the cache in batches (one transaction each), reporting progress by
 * bytes read. Cancelling keeps the batches already committed; importing the same file again
 * changes nothing for rows already stored (the upsert is idempotent), so a cancelled import resumes.
 */
export async function importCsv(db: Db, ctx: NormalizeContext, options: CsvImportOptions): Promise<CsvProgress & { cancelled: boolean }> {
  const mapping = resolveMapping(db, options);
  const source = csvRowSource(options.file, options.encoding, options.delimiter);
  // A CSV's total is its file size: never null here.
  const onProgress = options.onProgress as ((p: FileProgress) => void) | undefined;
  return (await importRows(db, ctx, source, { ...options, mapping, onProgress })) as CsvProgress & { cancelled: boolean };
}

/** The mapping to use: the one given (saved for next time) or the one saved for the source. */
export function resolveMapping(db: Db, options: Pick<RowImportOptions, 'sourceId' | 'mapping'>): CsvMapping {
  if (options.mapping) saveCsvMapping(db, options.sourceId, options.mapping);
  const mapping = options.mapping ? CsvMapping.parse(options.mapping) : loadCsvMapping(db, options.sourceId);
  if (!mapping) throw new Error(`no column mapping saved for source ${options.sourceId}`);
  return mapping;
}

/** The batch loop shared by every file format: normalize, store a batch, report, yield the thread. */
export async function importRows(db: Db, ctx: NormalizeContext, source: RowSource, options: RowImportOptions & { mapping: CsvMapping }): Promise<FileProgress & { cancelled: boolean }> {
  const connector = csvConnector(CsvMapping.parse(options.mapping));
  const store = prepareBatchStore(db);
  const progress: FileProgress = { bytes: 0, totalBytes: source.totalBytes, rows: 0, stored: 0, quarantined: 0 };
  const batchSize = options.batchSize ?? 5000;
  let batch: { value: unknown; text: string }[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const r = store.commitPage(options.sourceId, connector, { records: batch, rejected: [] }, { ...ctx, sourceId: options.sourceId, categoryMap: {} }, Date.now(), 'file');
    progress.stored += r.inserted + r.updated + r.unchanged;
    progress.quarantined += r.quarantined;
    batch = [];
    progress.bytes = source.bytesRead();
    options.onProgress?.({ ...progress });
  };
  let cancelled = false;
  try {
    for await (const record of source.rows) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      progress.rows++;
      batch.push({ value: record, text: JSON.stringify(record) });
      if (batch.length >= batchSize) {
        flush();
        // Let a cancel request (and anything else on this thread) in between batches.
        await new Promise((r) => setImmediate(r));
      }
    }
  } finally {
    source.close();
  }
  if (!cancelled) flush();
  progress.bytes = cancelled || source.totalBytes === null ? source.bytesRead() : source.totalBytes;
  return { ...progress, cancelled };
}
