import type { Reference, RegionInfo } from '../../../shared/api/reference';
import type { Source, SourceState, SourceKind } from '../../../shared/domain';
import type { RegionPack } from '../region/pack';
import type { Db } from './open';

/** Loads the region's reference data into the cache; safe to repeat at every start. */
export function seedReference(db: Db, pack: RegionPack): void {
  const { config } = pack;
  const sector = db.prepare(
    'INSERT INTO sectors (id, name, sort) VALUES (@id, @name, @sort) ON CONFLICT(id) DO UPDATE SET name = excluded.name, sort = excluded.sort',
  );
  const category = db.prepare(
    `INSERT INTO categories (id, name, sector_id, deadline_hours, acute) VALUES (@id, @name, @sectorId, @deadlineHours, @acute)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, sector_id = excluded.sector_id, deadline_hours = excluded.deadline_hours, acute = excluded.acute`,
  );
  const municipality = db.prepare(
    `INSERT INTO municipalities (id, name, label, population, lon, lat) VALUES (@id, @name, @label, @population, @lon, @lat)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, label = excluded.label, population = excluded.population, lon = excluded.lon, lat = excluded.lat`,
  );
  const agency = db.prepare(
    'INSERT INTO agencies (id, name, sector_id) VALUES (@id, @name, @sectorId) ON CONFLICT(id) DO UPDATE SET name = excluded.name, sector_id = excluded.sector_id',
  );
  const source = db.prepare(
    'INSERT INTO sources (id, kind, name) VALUES (@id, @kind, @name) ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name',
  );
  db.transaction(() => {
    for (const row of config.sectors) sector.run(row);
    for (const row of config.categories) category.run({ ...row, acute: row.acute ? 1 : 0 });
    for (const row of pack.municipalities) municipality.run(row);
    for (const row of config.agencies) agency.run(row);
    for (const row of config.sources) source.run(row);
  })();
}

export function getReference(db: Db, region: RegionInfo): Reference {
  const categories = db
    .prepare('SELECT id, name, sector_id AS sectorId, deadline_hours AS deadlineHours, acute FROM categories ORDER BY name')
    .all() as (Omit<Reference['categories'][number], 'acute'> & { acute: number })[];
  return {
    region,
    sectors: db.prepare('SELECT id, name, sort FROM sectors ORDER BY sort').all() as Reference['sectors'],
    categories: categories.map((c) => ({ ...c, acute: c.acute === 1 })),
    municipalities: db
      .prepare('SELECT id, name, label, population, lon, lat FROM municipalities ORDER BY name')
      .all() as Reference['municipalities'],
    agencies: db.prepare('SELECT id, name, sector_id AS sectorId FROM agencies ORDER BY name').all() as Reference['agencies'],
  };
}

interface SourceRow {
  id: string;
  kind: SourceKind;
  name: string;
  state: SourceState;
  lastSyncAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
}

export function listSources(db: Db): Source[] {
  return db
    .prepare(
      'SELECT id, kind, name, state, last_sync_at AS lastSyncAt, last_success_at AS lastSuccessAt, last_error AS lastError FROM sources ORDER BY id',
    )
    .all() as SourceRow[];
}
