/**
 * XLSX exports read as a stream (exceljs's WorkbookReader): the first sheet, its first row as the
 * header, every other row as `{ header: text }`, so that XLSX feeds the same normalizer as CSV.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { RowSource } from './csvImport';

export interface XlsxOptions {
  onHeader?: (columns: string[]) => void;
  /** The region's UTC offset: Excel dates carry none, they are the wall clock of the export. */
  dateOffset?: string;
  maxRows?: number;
  /** Cap on the sum of the zip's declared uncompressed sizes (a zip bomb is refused before reading). */
  maxUncompressedBytes?: number;
}

export const XLSX_MAX_ROWS = 5_000_000;
export const XLSX_MAX_UNCOMPRESSED = 4 * 1024 ** 3;
/** Deflate cannot compress better than ~1:1032; a larger declared ratio is a crafted file. */
const MAX_RATIO = 1100;
const MAX_COLUMNS = 1000;

/**
 * Reads the zip's central directory and refuses a file whose declared uncompressed size is over the
 * cap or whose compression ratio deflate cannot produce. The XML is read only after this passes.
 */
export function checkZipBounds(file: string, maxUncompressed = XLSX_MAX_UNCOMPRESSED): void {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailSize = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailSize);
    readSync(fd, tail, 0, tailSize, size - tailSize);
    let eocd = -1;
    for (let i = tailSize - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error('not an XLSX file (no zip directory)');
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset === 0xffffffff || dirSize > size || dirOffset + dirSize > size)
      throw new Error('the zip directory is out of bounds (ZIP64 files are not accepted)');
    const dir = Buffer.alloc(dirSize);
    readSync(fd, dir, 0, dirSize, dirOffset);
    let total = 0;
    let at = 0;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > dir.length || dir.readUInt32LE(at) !== 0x02014b50) throw new Error('the zip directory is damaged');
      const compressed = dir.readUInt32LE(at + 20);
      const uncompressed = dir.readUInt32LE(at + 24);
      if (uncompressed === 0xffffffff || compressed === 0xffffffff)
        throw new Error('a zip entry is too large (ZIP64 is not accepted)');
      if (uncompressed > MAX_RATIO * Math.max(compressed, 1))
        throw new Error(
          `a zip entry expands ${Math.round(uncompressed / Math.max(compressed, 1))}-fold: refused as a zip bomb`,
        );
      total += uncompressed;
      at += 46 + dir.readUInt16LE(at + 28) + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    }
    if (total > maxUncompressed)
      throw new Error(`the workbook unpacks to ${total} bytes, over the limit of ${maxUncompressed}`);
  } finally {
    closeSync(fd);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(value: unknown, dateOffset: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    // exceljs puts the sheet's wall clock into the UTC fields.
    if (Number.isNaN(value.getTime())) return '';
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}${dateOffset}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result, dateOffset);
    if ('text' in v) return cellText(v.text, dateOffset);
  }
  return '';
}

/** Header names as keys: blanks get a placeholder, repeats a suffix, so no column is lost. */
function headerOf(values: unknown[], dateOffset: string): string[] {
  const seen = new Set<string>();
  const header: string[] = [];
  const last = Math.min(values.length - 1, MAX_COLUMNS);
  for (let i = 1; i <= last; i++) {
    let name = cellText(values[i], dateOffset).trim() || `#${i}`;
    for (let k = 2; seen.has(name); k++) name = `${name} (${k})`;
    seen.add(name);
    header.push(name);
  }
  while (header.length && /^#\d+$/.test(header[header.length - 1]!)) header.pop();
  return header;
}

export function xlsxRowSource(file: string, options: XlsxOptions = {}): RowSource {
  checkZipBounds(file, options.maxUncompressedBytes);
  const dateOffset = options.dateOffset ?? '+03:00';
  const maxRows = options.maxRows ?? XLSX_MAX_ROWS;
  const input = createReadStream(file);
  const totalBytes = statSync(file).size;
  let closed = false;

  async function* rows(): AsyncGenerator<Record<string, string>> {
    // Loaded on the first XLSX only: half a second the core's start does not need to pay.
    const { default: ExcelJS } = await import('exceljs');
    // styles: 'cache' because a date is a number with a date format: without styles it reads as a number.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      sharedStrings: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      let header: string[] | null = null;
      let count = 0;
      for await (const row of sheet) {
        if (closed) return;
        const values = row.values as unknown[];
        if (!header) {
          header = headerOf(values, dateOffset);
          options.onHeader?.(header);
          continue;
        }
        if (++count > maxRows) throw new Error(`the sheet has more than ${maxRows} rows: refused`);
        const record: Record<string, string> = {};
        let empty = true;
        for (let i = 0; i < header.length; i++) {
          const text = cellText(values[i + 1], dateOffset);
          if (text !== '') empty = false;
          record[header[i]!] = text;
        }
        if (!empty) yield record;
      }
      if (!header) options.onHeader?.([]);
      // The first sheet only: the rest of the zip is not read.
      return;
    }
  }

  return {
    rows: rows(),
    bytesRead: () => Math.min(input.bytesRead, totalBytes),
    // exceljs reads the whole zip before the first row when the sheet precedes the shared strings
    // (as Excel writes it): bytes say nothing about the rows left, so the total stays unknown.
    totalBytes: null,
    close: () => {
      closed = true;
      input.destroy();
    },
  };
}
