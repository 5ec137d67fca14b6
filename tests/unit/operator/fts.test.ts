import { describe, expect, it } from 'vitest';
import { ftsMatch, searchTerms, stemRu } from '../../../electron/core/operator/fts';

describe('Russian search terms', () => {
  it('strips one inflectional ending and keeps at least three letters', () => {
    expect(stemRu('отоплением')).toBe('отоплен');
    expect(stemRu('отопления')).toBe('отоплен');
    expect(stemRu('батареи')).toBe('батаре');
    expect(stemRu('лифт')).toBe('лифт');
    expect(stemRu('ямы')).toBe('ямы');
  });

  it('folds case and ё, drops words too short for trigrams, and quotes terms', () => {
    expect(searchTerms('Тёплые БАТАРЕИ в доме')).toEqual(['тепл', 'батаре', 'дом']);
    expect(ftsMatch('нет "горячей" воды')).toBe('"нет" AND "горяч" AND "вод"');
    expect(ftsMatch('в, и')).toBeNull();
  });
});
