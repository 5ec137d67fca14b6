/** Russian plural form for a count: 1 обращение, 2 обращения, 5 обращений. */
export function plural(n: number, one: string, few: string, many: string): string {
  const abs = Math.abs(Math.trunc(n));
  const mod10 = abs % 10;
  const mod100 = abs % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** Words that carry no topic: prepositions, pronouns, auxiliaries and the usual appeal filler. */
const STOP = new Set(
  `и в во не на с со что как а но по из у к ко за от до о об при для без над под же ли бы это этот эта эти то тот та те
   уже ещё еще очень все всё весь вся нас нам мы вы они он она оно их его её ее мне меня я ты так там тут где когда
   который которая которые просим прошу просьба помогите пожалуйста нет есть был была были будет быть дом доме д ул
   уже второй третий день дней неделю месяц год раз около после более менее только даже или либо ни`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * The most frequent topic words of a set of texts (each text counted once per word), for a tension
 * point's explanation. A word must occur in several texts, so one resident's name never surfaces.
 */
export function frequentWords(texts: readonly string[], limit = 4, minTexts = 3): string[] {
  const counts = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const raw of text.toLowerCase().replace(/ё/g, 'е').split(/[^a-zа-я0-9-]+/)) {
      const word = raw.replace(/^-+|-+$/g, '');
      if (word.length < 4 || STOP.has(word) || /^\d+$/.test(word)) continue;
      const stem = stemOf(word);
      if (STOP_STEMS.has(stem)) continue;
      const formCounts = forms.get(stem) ?? forms.set(stem, new Map()).get(stem)!;
      formCounts.set(word, (formCounts.get(word) ?? 0) + 1);
      if (seen.has(stem)) continue;
      seen.add(stem);
      counts.set(stem, (counts.get(stem) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, n]) => n >= Math.min(minTexts, texts.length))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([stem]) => [...forms.get(stem)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0]);
}

const ENDING = /(ами|ями|ого|его|ому|ему|ыми|ими|ой|ей|ий|ый|ая|яя|ое|ее|ые|ие|ам|ям|ах|ях|ом|ем|ов|ев|ую|юю|а|я|о|е|ы|и|у|ю|ь)$/;

/** A light stem, so that «снег» and «снега» count as one word; the commonest form is what is shown. */
function stemOf(word: string): string {
  const stripped = word.replace(ENDING, '');
  return stripped.length >= 3 ? stripped : word;
}

/** Filler in any of its forms («второй», «вторую»). */
const STOP_STEMS = new Set([...STOP].filter((w) => w.length >= 4).map((w) => stemOf(w)));

/** "ул. Ленина, д. 5" → "ул. Ленина": the wall and the briefing never show a house number. */
export function streetOf(address: string | null): string | null {
  if (!address) return null;
  const street = address.split(/,\s*(?:д\.|дом|корп|кв)/i)[0]!.trim();
  return street || null;
}

export function formatNumberRu(n: number, digits = 0): string {
  return new Intl.NumberFormat('ru-RU', { maximumFractionDigits: digits }).format(n);
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9): plenty for tail probabilities of counts.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≥ k) for X ~ Poisson(λ): how surprising a count of k is when λ is normal. */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (k <= lambda) {
    // Lower part is the small one to sum here; the tail is 1 minus it.
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(-lambda + j * Math.log(lambda) - logGamma(j + 1));
    return Math.max(0, Math.min(1, 1 - sum));
  }
  let sum = 0;
  for (let j = k; j < k + 10_000; j++) {
    const term = Math.exp(-lambda + j * Math.log(lambda) - logGamma(j + 1));
    sum += term;
    if (term < sum * 1e-15) break;
  }
  return Math.min(1, sum);
}
