/**
 * Routing rules: category × municipality → responsible body, data per region that a supervisor edits.
 * A rule may leave the category or the municipality empty (any). Suggestions go from the most
 * specific rule to the sector's own agency.
 */
import type { RoutingRule, RoutingSuggestion } from '../../../shared/api/operator';
import type { Appeal } from '../../../shared/domain';
import type { Db } from '../db/open';

const COLUMNS = 'id, category_id AS categoryId, municipality_id AS municipalityId, agency_id AS agencyId, updated_at AS updatedAt, updated_by AS updatedBy';

export function listRoutingRules(db: Db): RoutingRule[] {
  return db.prepare(`SELECT ${COLUMNS} FROM routing_rules ORDER BY category_id, municipality_id`).all() as RoutingRule[];
}

export function saveRoutingRule(
  db: Db,
  rule: { id?: number; categoryId: string | null; municipalityId: string | null; agencyId: string },
  by: string,
  now = Date.now(),
): RoutingRule {
  if (rule.id !== undefined) {
    db.prepare('UPDATE routing_rules SET category_id = ?, municipality_id = ?, agency_id = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
      rule.categoryId,
      rule.municipalityId,
      rule.agencyId,
      now,
      by,
      rule.id,
    );
    return db.prepare(`SELECT ${COLUMNS} FROM routing_rules WHERE id = ?`).get(rule.id) as RoutingRule;
  }
  return db
    .prepare(
      `INSERT INTO routing_rules (category_id, municipality_id, agency_id, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (category_id, municipality_id) DO UPDATE SET agency_id = excluded.agency_id, updated_at = excluded.updated_at, updated_by = excluded.updated_by
       RETURNING ${COLUMNS}`,
    )
    .get(rule.categoryId, rule.municipalityId, rule.agencyId, now, by) as RoutingRule;
}

export function deleteRoutingRule(db: Db, id: number): void {
  db.prepare('DELETE FROM routing_rules WHERE id = ?').run(id);
}

/** Pure: ranks the rules and the sector's agencies for one appeal, most specific first, no repeats. */
export function suggestAgencies(
  rules: readonly Pick<RoutingRule, 'categoryId' | 'municipalityId' | 'agencyId'>[],
  agencies: readonly { id: string; sectorId: string | null }[],
  appeal: Pick<Appeal, 'categoryId' | 'municipalityId' | 'sectorId'>,
): RoutingSuggestion[] {
  const out: RoutingSuggestion[] = [];
  const add = (agencyId: string, reason: RoutingSuggestion['reason']) => {
    if (!out.some((s) => s.agencyId === agencyId)) out.push({ agencyId, reason });
  };
  const match = (r: Pick<RoutingRule, 'categoryId' | 'municipalityId'>, c: boolean, m: boolean) =>
    (c ? r.categoryId !== null && r.categoryId === appeal.categoryId : r.categoryId === null) &&
    (m ? r.municipalityId !== null && r.municipalityId === appeal.municipalityId : r.municipalityId === null);
  for (const r of rules) if (match(r, true, true)) add(r.agencyId, 'rule');
  for (const r of rules) if (match(r, true, false)) add(r.agencyId, 'category');
  for (const r of rules) if (match(r, false, true)) add(r.agencyId, 'municipality');
  for (const a of agencies) if (appeal.sectorId && a.sectorId === appeal.sectorId) add(a.id, 'sector');
  return out;
}

export function suggestForAppeal(db: Db, appeal: Pick<Appeal, 'categoryId' | 'municipalityId' | 'sectorId'>): RoutingSuggestion[] {
  const rules = db
    .prepare(
      `SELECT category_id AS categoryId, municipality_id AS municipalityId, agency_id AS agencyId FROM routing_rules
       WHERE (category_id = ? OR category_id IS NULL) AND (municipality_id = ? OR municipality_id IS NULL)`,
    )
    .all(appeal.categoryId, appeal.municipalityId) as RoutingRule[];
  const agencies = db.prepare('SELECT id, sector_id AS sectorId FROM agencies WHERE sector_id = ?').all(appeal.sectorId) as {
    id: string;
    sectorId: string | null;
  }[];
  return suggestAgencies(rules, agencies, appeal);
}

/**
 * Default rules for the demo region: each category to its sector's first agency, and the regional
 * capital's city-level categories to the city administration. Only when there are none yet.
 */
export function seedRoutingRules(db: Db, capitalId: string | null, now = Date.now()): void {
  const { n } = db.prepare('SELECT count(*) AS n FROM routing_rules').get() as { n: number };
  if (n > 0) return;
  const categories = db.prepare('SELECT id, sector_id AS sectorId FROM categories').all() as { id: string; sectorId: string }[];
  const agencies = db.prepare('SELECT id, sector_id AS sectorId FROM agencies ORDER BY rowid').all() as { id: string; sectorId: string | null }[];
  const city = agencies.find((a) => a.sectorId === null);
  db.transaction(() => {
    for (const c of categories) {
      const agency = agencies.find((a) => a.sectorId === c.sectorId);
      if (agency) saveRoutingRule(db, { categoryId: c.id, municipalityId: null, agencyId: agency.id }, 'system', now);
      if (city && capitalId && ['yard', 'potholes', 'lights', 'snow', 'garbage'].includes(c.id)) {
        saveRoutingRule(db, { categoryId: c.id, municipalityId: capitalId, agencyId: city.id }, 'system', now);
      }
    }
  })();
}
