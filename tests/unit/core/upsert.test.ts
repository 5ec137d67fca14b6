import { describe, expect, it } from 'vitest';
import { loadCategoryRules, prepareAppealUpsert } from '../../../electron/core/db/appeals';
import { openDatabase } from '../../../electron/core/db/open';
import { appealInput } from '../helpers';

const record = appealInput;

describe('the idempotent appeal upsert', () => {
  const setup = () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO sources (id, kind, name) VALUES ('pos', 'pos', 'ПОС')").run();
    return { db, upsert: prepareAppealUpsert(db, loadCategoryRules(db)) };
  };

  it('changes nothing for a re-sent record and ignores an older update', () => {
    const { db, upsert } = setup();
    expect(upsert([record()]).inserted).toBe(1);
    expect(upsert([record()])).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(upsert([record({ sourceUpdatedAt: 1_700_000_100_000, status: 'answered' })]).updated).toBe(1);
    expect(upsert([record({ sourceUpdatedAt: 1_700_000_050_000, status: 'in_progress' })]).unchanged).toBe(1);
    expect(db.prepare('SELECT status, version FROM appeals').get()).toEqual({ status: 'answered', version: 2 });
  });

  it('takes a text change of an appeal still waiting for the search index in the same batch', () => {
    const { db, upsert } = setup();
    const result = db.transaction(() =>
      upsert([record(), record({ sourceUpdatedAt: 1_700_000_100_000, text: 'Отопление так и не дали' })]),
    )();
    expect(result).toMatchObject({ inserted: 1, updated: 1 });
    expect(db.prepare('SELECT text FROM appeals').get()).toEqual({ text: 'Отопление так и не дали' });
  });
});
