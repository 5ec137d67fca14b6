import { describe, expect, it } from 'vitest';
import { queryAppeals } from '../../../electron/core/db/appeals';
import { openDatabase } from '../../../electron/core/db/open';
import { flushFtsPending } from '../../../electron/core/operator/ftsIndex';

function setup() {
  const db = openDatabase(':memory:');
  const insert = db.prepare(`INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at, text, address, status)
    VALUES ('s', ?, 'x', ?, 0, 0, 0, ?, ?, 'new') RETURNING id`);
  const add = (key: string, text: string, address: string | null = null) => (insert.get(key, Date.now(), text, address) as { id: number }).id;
  const find = (search: string) => queryAppeals(db, { filter: { search }, sort: 'received', offset: 0, limit: 100 }).rows.map((r) => r.id);
  return { db, add, find };
}

describe('the full-text index stays in step with the appeals', () => {
  it('finds rows still waiting to be indexed, by word form, substring, address and ё as е', () => {
    const { add, find } = setup();
    const a = add('a', 'Батареи еле тёплые', 'ул. Горького, д. 5');
    const b = add('b', 'Нет горячей воды');
    expect(find('теплые')).toEqual([a]);
    expect(find('батарея')).toEqual([a]);
    expect(find('Горького')).toEqual([a]);
    expect(find('горячая вода')).toEqual([b]);
    expect(find('ряч')).toEqual([b]);
  });

  it('follows text changes and deletions of indexed and of waiting rows', () => {
    const { db, add, find } = setup();
    const indexed = add('a', 'Протекает крыша');
    flushFtsPending(db);
    const waiting = add('b', 'Протекает кран');
    db.prepare("UPDATE appeals SET text = 'Сломан лифт' WHERE id = ?").run(indexed);
    db.prepare("UPDATE appeals SET text = 'Не работает лифт' WHERE id = ?").run(waiting);
    expect(find('протекает')).toEqual([]);
    expect(find('лифт').sort()).toEqual([indexed, waiting].sort());
    db.prepare('DELETE FROM appeals WHERE id = ?').run(indexed);
    expect(find('лифт')).toEqual([waiting]);
    expect(() => db.exec("INSERT INTO appeals_fts (appeals_fts) VALUES ('integrity-check')")).not.toThrow();
  });
});
