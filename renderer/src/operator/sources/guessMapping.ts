import { type CsvMapping, MAPPING_FIELDS, type MappingField } from '@shared/api/imports';

export type MappingDraft = Partial<Record<MappingField, string>>;

// Header names hotlines actually use; the first unused match wins, in GUESS_ORDER.
const GUESSES: Record<MappingField, RegExp> = {
  externalId: /^(№|номер(?!\s*тел)|id$|ид$|идентификатор|рег)/i,
  receivedAt: /дата|время|date|received/i,
  text: /текст|содержание|суть|описание|text|message/i,
  category: /категор|тема|рубрик|category/i,
  status: /статус|состояние|status/i,
  address: /адрес|address/i,
  municipality: /район|муниципал|округ|district|municipality/i,
  lat: /^(широта|lat)/i,
  lon: /^(долгота|lon|lng)/i,
  name: /фио|^заявитель$|^имя|name/i,
  phone: /телефон|^тел|phone/i,
};

// Narrow patterns first: «Телефон заявителя» is a phone, not a name.
const GUESS_ORDER: readonly MappingField[] = [
  'externalId',
  'receivedAt',
  'phone',
  'lat',
  'lon',
  'text',
  'category',
  'status',
  'address',
  'municipality',
  'name',
];

/**
 * The form's first values: the source's saved mapping where the file still has those columns,
 * otherwise a guess from the header names.
 */
export function initialMapping(
  columns: readonly string[],
  saved: CsvMapping | null,
): { draft: MappingDraft; fromSaved: boolean } {
  const present = new Set(columns);
  if (saved && [saved.externalId, saved.receivedAt, saved.text].every((c) => present.has(c))) {
    const draft: MappingDraft = {};
    for (const field of MAPPING_FIELDS) {
      const column = saved[field];
      if (column && present.has(column)) draft[field] = column;
    }
    return { draft, fromSaved: true };
  }
  const used = new Set<string>();
  const draft: MappingDraft = {};
  for (const field of GUESS_ORDER) {
    const column = columns.find((c) => !used.has(c) && GUESSES[field].test(c.trim()));
    if (column) {
      draft[field] = column;
      used.add(column);
    }
  }
  return { draft, fromSaved: false };
}

/** A complete mapping from the form, or null while a required field is missing. */
export function toMapping(draft: MappingDraft, saved: CsvMapping | null): CsvMapping | null {
  const { externalId, receivedAt, text } = draft;
  if (!externalId || !receivedAt || !text) return null;
  const mapping: CsvMapping = { externalId, receivedAt, text, categoryMap: saved?.categoryMap ?? {} };
  for (const field of MAPPING_FIELDS) if (draft[field]) mapping[field] = draft[field];
  return mapping;
}
