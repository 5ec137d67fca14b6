import { describe, expect, it } from 'vitest';
import { suggestAgencies } from '../../../electron/core/operator/routing';

const rules = [
  { categoryId: 'snow', municipalityId: null, agencyId: 'gku-roads' },
  { categoryId: 'snow', municipalityId: 'CITY', agencyId: 'city-admin' },
  { categoryId: null, municipalityId: 'BOR', agencyId: 'bor-admin' },
];
const agencies = [
  { id: 'min-transport', sectorId: 'roads' },
  { id: 'gku-roads', sectorId: 'roads' },
  { id: 'min-health', sectorId: 'health' },
];

describe('routing rules', () => {
  it('puts the category × municipality rule first, then the category rule, then the sector agencies', () => {
    const s = suggestAgencies(rules, agencies, { categoryId: 'snow', municipalityId: 'CITY', sectorId: 'roads' });
    expect(s).toEqual([
      { agencyId: 'city-admin', reason: 'rule' },
      { agencyId: 'gku-roads', reason: 'category' },
      { agencyId: 'min-transport', reason: 'sector' },
    ]);
  });

  it('uses a municipality-wide rule where no category rule matches', () => {
    const s = suggestAgencies(rules, agencies, { categoryId: 'clinic', municipalityId: 'BOR', sectorId: 'health' });
    expect(s.map((x) => [x.agencyId, x.reason])).toEqual([
      ['bor-admin', 'municipality'],
      ['min-health', 'sector'],
    ]);
  });

  it('does not apply a rule of another municipality', () => {
    const s = suggestAgencies(rules, agencies, { categoryId: 'snow', municipalityId: 'BOR', sectorId: 'roads' });
    expect(s.map((x) => x.agencyId)).toEqual(['gku-roads', 'bor-admin', 'min-transport']);
  });
});
