import type { ImportEncoding, ImportFormat } from '../../../shared/api/imports';
import type { NormalizeContext } from '../connectors/types';
import type { Db } from '../db/open';
import {
  type FileProgress,
  csvRowSource,
  importRows,
  resolveMapping,
  type RowImportOptions,
  type RowSource,
  sniffDelimiter,
} from './csvImport';
import { xlsxRowSource } from './xlsxRows';

export interface FileImportOptions extends RowImportOptions {
  file: string;
  format: ImportFormat;
  /** CSV only; XLSX stores text as Unicode. */
  encoding?: ImportEncoding;
  delimiter?: string;
}

export function openRowSource(
  file: string,
  format: ImportFormat,
  encoding: ImportEncoding = 'utf-8',
  delimiter?: string,
  onHeader?: (columns: string[]) => void,
): RowSource {
  return format === 'xlsx' ? xlsxRowSource(file, { onHeader }) : csvRowSource(file, encoding, delimiter, onHeader);
}

/** Imports a hotline export of either format through the same normalizer and batch store. */
export async function importFile(
  db: Db,
  ctx: NormalizeContext,
  options: FileImportOptions,
): Promise<FileProgress & { cancelled: boolean }> {
  const mapping = resolveMapping(db, options);
  return importRows(db, ctx, openRowSource(options.file, options.format, options.encoding, options.delimiter), {
    ...options,
    mapping,
  });
}

export interface FilePreview {
  columns: string[];
  rows: Record<string, string>[];
  delimiter: string | null;
}

/** The header and the first rows, read without loading the file. */
export async function previewFile(
  file: string,
  format: ImportFormat,
  encoding: ImportEncoding = 'utf-8',
  count = 5,
): Promise<FilePreview> {
  const delimiter = format === 'csv' ? sniffDelimiter(file, encoding) : null;
  let columns: string[] = [];
  const source = openRowSource(file, format, encoding, delimiter ?? undefined, (header) => (columns = header));
  const rows: Record<string, string>[] = [];
  try {
    for await (const row of source.rows) {
      rows.push(row);
      if (rows.length >= count) break;
    }
  } finally {
    source.close();
  }
  return { columns, rows, delimiter };
}
