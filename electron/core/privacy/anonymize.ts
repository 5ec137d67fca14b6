/**
 * Removes residents' personal data (152-ФЗ) from free text before it leaves the operator's cache:
 * briefing examples, offline snapshots. Patterns catch what residents typically write (phones,
 * e-mails, street addresses, full names); the author's own name, phone and e-mail, which the cache
 * knows, are removed verbatim as well, since a pattern can miss an unusual spelling.
 */

export const MASK = {
  name: '[имя скрыто]',
  phone: '[телефон скрыт]',
  email: '[e-mail скрыт]',
  address: '[адрес скрыт]',
} as const;

/** What the cache knows about one appeal's author and place: removed wherever it appears. */
export interface KnownPersonalData {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Ten or eleven digits with the separators people type; shorter runs (house numbers, dates) survive.
const PHONE = /(?:\+\s?7|\b[78])?[\s\-‐–(]*\(?\d{3}\)?[\s\-‐–)]*\d{3}[\s\-‐–]*\d{2}[\s\-‐–]*\d{2}\b/g;
const STREET_WORD =
  '(?:ул\\.?|улица|пр-т|пр-кт|просп\\.?|проспект|пр\\.|пер\\.?|переулок|б-р|бульвар|ш\\.|шоссе|наб\\.?|набережная|пл\\.|площадь|мкр\\.?|микрорайон|проезд|тупик|аллея|тракт)';
// The designator, up to three words of the street's name, then any house / flat / building numbers.
const STREET = new RegExp(
  `(?<![\\p{L}])${STREET_WORD}(?![\\p{L}])\\s*(?:[\\p{Lu}\\d][\\p{L}\\d\\-]*\\.?\\s*){1,3}(?:[,\\s]*(?:д\\.?|дом|кв\\.?|квартира|корп\\.?|корпус|к\\.|стр\\.?|строение)?\\s*№?\\s*\\d+[\\p{L}]?(?:/\\d+)?)*`,
  'giu',
);
const HOUSE = /(?<![\p{L}])(?:д\.|дом|кв\.|квартира|корп\.|корпус)\s*№?\s*\d+[\p{L}]?(?:\/\d+)?/giu;

const CAP = '\\p{Lu}[\\p{Ll}]+(?:-\\p{Lu}[\\p{Ll}]+)?';
const PATRONYMIC = '\\p{Lu}\\p{Ll}+(?:ович|евич|ьич|ич|овна|евна|ична|инична)';
const SURNAME = '\\p{Lu}\\p{Ll}+(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|цкий|ская|цкая|ко|ук|юк|енко)';
const INITIALS = '\\p{Lu}\\.\\s?(?:\\p{Lu}\\.)?';

/** Common Russian first names: a capitalized one next to another capitalized word is a person. */
const FIRST_NAMES = new Set(
  (
    'Александр Александра Алексей Анастасия Анатолий Андрей Анна Антон Артём Артем Борис Вадим Валентина Валентин Валерий Василий ' +
    'Вера Виктор Виктория Виталий Владимир Владислав Галина Геннадий Георгий Григорий Дарья Денис Дмитрий Евгений Евгения ' +
    'Екатерина Елена Елизавета Жанна Иван Игорь Илья Инна Ирина Кирилл Константин Кристина Ксения Лариса Леонид Лидия Любовь ' +
    'Людмила Максим Марина Мария Михаил Надежда Наталья Наталия Никита Николай Нина Олег Ольга Павел Пётр Петр Полина Роман ' +
    'Светлана Семён Семен Сергей Софья София Станислав Степан Тамара Татьяна Тимур Фёдор Федор Юлия Юрий Яна Ярослав'
  ).split(' '),
);

const END = '(?![\\p{L}])';

const NAME_PATTERNS: RegExp[] = [
  // "Иванов Иван Иванович", "Иван Иванович Иванов", "Иван Иванович"
  new RegExp(`(?:${CAP}\\s+)?${CAP}\\s+${PATRONYMIC}${END}(?:\\s+${CAP}${END})?`, 'gu'),
  // "Иванов И. И.", "И. И. Иванов"
  new RegExp(`${CAP}\\s+${INITIALS}|${INITIALS}\\s?${CAP}`, 'gu'),
  // "меня зовут Анна Смирнова", "с уважением, Пётр"
  new RegExp(`(?<=(?:[Мм]еня зовут|[Зз]овут меня|[Сс] уважением,?|[Пп]одпись:?|[Зз]аявитель:?|ФИО:?)\\s+)(?:${CAP})(?:\\s+${CAP}){0,2}`, 'gu'),
  // "Смирнов Алексей", "гражданка Козлова"
  new RegExp(`${SURNAME}${END}\\s+${CAP}${END}|${CAP}\\s+${SURNAME}${END}`, 'gu'),
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The digits of a phone as typed in any of the usual ways. */
function phoneVariants(phone: string): RegExp | null {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return null;
  const tail = digits.length === 11 ? digits.slice(1) : digits;
  return new RegExp(`(?:\\+?\\s?[78])?[\\s\\-()]*${tail.split('').join('[\\s\\-()]*')}`, 'g');
}

function removeKnown(text: string, known: KnownPersonalData): string {
  let out = text;
  if (known.email) out = out.replace(new RegExp(escapeRegExp(known.email), 'gi'), MASK.email);
  if (known.phone) {
    const re = phoneVariants(known.phone);
    if (re) out = out.replace(re, MASK.phone);
  }
  if (known.address) {
    out = out.replace(new RegExp(escapeRegExp(known.address), 'gi'), MASK.address);
    const street = known.address.split(',')[0]?.trim();
    if (street && street.length >= 4) out = out.replace(new RegExp(escapeRegExp(street), 'gi'), MASK.address);
  }
  if (known.name) {
    out = out.replace(new RegExp(escapeRegExp(known.name.trim()), 'gi'), MASK.name);
    for (const part of known.name.split(/\s+/)) {
      // Short parts ("Ян") are too likely to be an ordinary word; the patterns below still catch them in full names.
      if (part.length >= 3) out = out.replace(new RegExp(`(?<![\\p{L}])${escapeRegExp(part)}(?![\\p{L}])`, 'giu'), MASK.name);
    }
  }
  return out;
}

function removeFirstNames(text: string): string {
  return text.replace(new RegExp(`${CAP}(?:\\s+${CAP})?`, 'gu'), (match) => {
    const words = match.split(/\s+/);
    return words.some((w) => FIRST_NAMES.has(w)) ? MASK.name : match;
  });
}

/** Collapses "[имя скрыто] [имя скрыто]" left by overlapping rules into one mask. */
function tidy(text: string): string {
  let out = text;
  for (const mask of Object.values(MASK)) {
    const repeated = new RegExp(`${escapeRegExp(mask)}(?:[\\s,]*${escapeRegExp(mask)})+`, 'g');
    out = out.replace(repeated, mask);
  }
  return out.replace(/\s{2,}/g, ' ').trim();
}

/** Text with phones, e-mails, street addresses and personal names replaced by neutral masks. */
export function anonymizeText(text: string, known: KnownPersonalData = {}): string {
  let out = text.replace(EMAIL, MASK.email);
  out = out.replace(PHONE, MASK.phone);
  out = out.replace(STREET, MASK.address);
  out = out.replace(HOUSE, MASK.address);
  for (const pattern of NAME_PATTERNS) out = out.replace(pattern, MASK.name);
  // After the patterns, so that a full name is masked whole rather than word by word.
  out = removeKnown(out, known);
  out = removeFirstNames(out);
  out = out.replace(new RegExp(`${escapeRegExp(MASK.name)}\\s+${PATRONYMIC}${END}`, 'gu'), MASK.name);
  return tidy(out);
}

/** Rounds a coordinate to ~1 km: enough for a map of a district, never enough to find a home. */
export function coarsen(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}
