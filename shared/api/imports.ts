/**
 * File import of hotline exports (CSV, XLSX): the file travels through the contract in chunks, so
 * the same calls work over Electron IPC and the host's WebSocket. Supervisors only (checked by the
 * core on every call); the window role list names the operator window.
 */
import { z } from 'zod';
import { event, method } from './define';

/** Source kinds whose appeals arrive as file exports rather than a feed. */
export const FILE_IMPORT_KINDS: readonly string[] = ['hotline'];

/** Raw bytes per chunk: base64 makes it 4/3 larger, and a WebSocket message is capped at 1 MiB. */
export const IMPORT_CHUNK_BYTES = 512 * 1024;
/** Largest file the core accepts. */
export const IMPORT_MAX_BYTES = 2 * 1024 ** 3;

/** Which column of a hotline's export holds which field; saved per source so the next file needs none. */
export const CsvMapping = z.object({
  externalId: z.string().min(1),
  receivedAt: z.string().min(1),
  text: z.string().min(1),
  category: z.string().optional(),
  status: z.string().optional(),
  address: z.string().optional(),
  municipality: z.string().optional(),
  lat: z.string().optional(),
  lon: z.string().optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
  /** The export's own category names → region category ids. */
  categoryMap: z.record(z.string(), z.string()).default({}),
});
export type CsvMapping = z.input<typeof CsvMapping>;

/** The mapping's column fields, in the order the mapping form shows them. */
export const MAPPING_FIELDS = [
  'externalId',
  'receivedAt',
  'text',
  'category',
  'status',
  'address',
  'municipality',
  'lat',
  'lon',
  'name',
  'phone',
] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];
export const REQUIRED_MAPPING_FIELDS: readonly MappingField[] = ['externalId', 'receivedAt', 'text'];

export const ImportFormat = z.enum(['csv', 'xlsx']);
export type ImportFormat = z.infer<typeof ImportFormat>;
export const ImportEncoding = z.enum(['utf-8', 'windows-1251']);
export type ImportEncoding = z.infer<typeof ImportEncoding>;

const UploadId = z.string().regex(/^[0-9a-f]{32}$/);

export const ImportPreview = z.object({
  columns: z.array(z.string()),
  /** The first rows as the file has them (personal data included: supervisors only). */
  rows: z.array(z.record(z.string(), z.string())),
  /** The CSV delimiter detected; null for XLSX. */
  delimiter: z.string().nullable(),
  /** The mapping saved for the source by an earlier import, if any. */
  mapping: CsvMapping.nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportState = z.enum(['running', 'done', 'cancelled', 'failed']);
export type ImportState = z.infer<typeof ImportState>;

export const ImportProgress = z.object({
  uploadId: z.string(),
  rows: z.number().int().nonnegative(),
  stored: z.number().int().nonnegative(),
  quarantined: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** Null when the total cannot be known in advance: show counts without a percentage. */
  totalBytes: z.number().int().nonnegative().nullable(),
  state: ImportState,
  error: z.string().optional(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

const Ok = z.object({ ok: z.literal(true) });

export const importMethods = {
  /** Opens an upload; the file arrives with `import:chunk` in order. */
  'import:begin': method(
    z
      .object({
        fileName: z.string().min(1).max(255),
        size: z.number().int().positive().max(IMPORT_MAX_BYTES),
        format: ImportFormat,
        encoding: ImportEncoding.optional(),
        sourceId: z.string().min(1).max(64),
      })
      .strict(),
    z.object({ uploadId: z.string() }),
    ['operator'],
  ),
  /** Appends bytes at `offset`, which must equal the bytes received so far. */
  'import:chunk': method(
    z
      .object({
        uploadId: UploadId,
        offset: z.number().int().nonnegative(),
        data: z
          .string()
          .min(1)
          .max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      })
      .strict(),
    z.object({ received: z.number().int().nonnegative() }),
    ['operator'],
  ),
  /** The file's columns, its first rows and the source's saved mapping: what the mapping form needs. */
  'import:preview': method(z.object({ uploadId: UploadId }).strict(), ImportPreview, ['operator']),
  /** Saves the mapping for the source and starts the import; progress arrives as `import:progress`. */
  'import:start': method(z.object({ uploadId: UploadId, mapping: CsvMapping }).strict(), Ok, ['operator']),
  /** Stops an import (committed batches stay) or drops an upload. */
  'import:cancel': method(z.object({ uploadId: UploadId }).strict(), Ok, ['operator']),
};

export const importEvents = {
  'import:progress': event(ImportProgress, ['operator']),
};
