/**
 * Search over appeal texts for Russian. The FTS5 index is trigram (any substring of three letters or
 * more); word forms are matched by searching each word's stem as a substring, so «отоплением» finds
 * «отопления» and «отопление». The stemmer is deliberately light: it strips one inflectional ending
 * and never leaves fewer than three letters (the trigram minimum).
 */

const ENDINGS = [
  // adjectives and participles
  'ыми', 'ими', 'ого', 'его', 'ому', 'ему', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ый', 'ий', 'ой', 'ую', 'юю',
  // nouns
  'иями', 'ями', 'ами', 'иях', 'ях', 'ах', 'ией', 'ей', 'ием', 'ем', 'ом', 'ам', 'ям', 'ов', 'ев', 'ию', 'ью', 'ия', 'ии',
  // verbs
  'ются', 'ется', 'ится', 'ают', 'яют', 'ует', 'ает', 'яет', 'ить', 'ать', 'ять', 'еть', 'ут', 'ют', 'ит', 'ет', 'ат', 'ят',
  // single letters last
  'а', 'я', 'о', 'е', 'ы', 'и', 'у', 'ю', 'ь', 'й',
].sort((a, b) => b.length - a.length);

const MIN_STEM = 3;
/** Trigram needs three characters; shorter words (prepositions mostly) are left out of the match. */
const MIN_TERM = 3;

export function foldText(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

export function stemRu(word: string): string {
  if (!/[а-я]/.test(word)) return word;
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) return word.slice(0, -ending.length);
  }
  return word;
}

/** Terms of a search box: folded, split on anything but letters and digits, stemmed. */
export function searchTerms(search: string): string[] {
  const words = foldText(search).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const terms = words.map(stemRu).filter((t) => t.length >= MIN_TERM);
  return [...new Set(terms)];
}

/** The FTS5 MATCH expression for a search box, or null when it has nothing searchable. */
export function ftsMatch(search: string): string | null {
  const terms = searchTerms(search);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}
