import type { QuarantineItem, SourceStatus } from '../../../shared/api/sync';
import { ContractError } from '../../../shared/api';
import type { SourceKind, SourceState } from '../../../shared/domain';
import { CONNECTORS, DEFAULT_FORMAT } from '../connectors';
import { alertOf } from '../connectors/cap';
import { createLocator } from '../connectors/geo';
import type { ConnectorFormat } from '../connectors/types';
import { parseUntrustedXml } from '../connectors/xml';
import type { Db } from '../db/open';
import type { RegionPack } from '../region/pack';
import type { HandlerMap } from '../rpc';
import { loadSourcesSettings, type SourcesSettings } from '../settings/sources';
import { csvConnector, loadCsvMapping } from './csvImport';
import { type Origin, prepareBatchStore } from './store';

const DEFAULT_INTERVAL_MS = 10_000;

/** The contract's sync methods (sources panel, quarantine, retry), served from the core's own handle. */
export function syncHandlers(db: Db, pack: RegionPack, dataDir: string, now = Date.now): HandlerMap {
  let settings: SourcesSettings | null = null;
  const settingsOf = () => {
    try {
      settings ??= loadSourcesSettings(dataDir);
    } catch {
      settings = { sources: [] };
    }
    return settings;
  };
  const configured = (id: string) => settingsOf().sources.find((s) => s.id === id);
  const formatOf = (id: string, kind: string): ConnectorFormat => configured(id)?.format ?? DEFAULT_FORMAT[kind] ?? 'pos';

  const sources = db.prepare(
    `SELECT s.id, s.kind, s.name, s.state, s.last_sync_at AS lastSyncAt, s.last_success_at AS lastSuccessAt, s.last_error AS lastError,
       (SELECT count(*) FROM quarantine q WHERE q.source_id = s.id AND q.retried_at IS NULL) AS quarantined,
       (SELECT count(*) FROM outbox o WHERE o.source_id = s.id AND o.delivered_at IS NULL) AS outboxPending
     FROM sources s ORDER BY s.id`,
  );
  const quarantineRows = db.prepare(
    `SELECT id, source_id AS sourceId, at, reason, raw FROM quarantine
     WHERE retried_at IS NULL AND (@sourceId IS NULL OR source_id = @sourceId) ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`,
  );
  const quarantineCount = db.prepare('SELECT count(*) FROM quarantine WHERE retried_at IS NULL AND (@sourceId IS NULL OR source_id = @sourceId)').pluck();
  const quarantineOne = db.prepare(
    'SELECT q.id, q.source_id AS sourceId, q.raw, q.origin, s.kind FROM quarantine q LEFT JOIN sources s ON s.id = q.source_id WHERE q.id = ?',
  );
  const retried = db.prepare('UPDATE quarantine SET retried_at = ? WHERE id = ?');
  const reason = db.prepare('UPDATE quarantine SET reason = ?, at = ? WHERE id = ?');
  let store: ReturnType<typeof prepareBatchStore> | null = null;
  let locate: ReturnType<typeof createLocator> | null = null;

  return {
    'sync:sources': () => {
      const t = now();
      return (sources.all() as (Omit<SourceStatus, 'format' | 'lagMs' | 'stale'> & { kind: SourceKind; state: SourceState })[]).map((s) => {
        const interval = configured(s.id)?.intervalMs ?? DEFAULT_INTERVAL_MS;
        const lagMs = s.lastSuccessAt === null ? null : Math.max(0, t - s.lastSuccessAt);
        return { ...s, format: formatOf(s.id, s.kind), lagMs, stale: lagMs === null || lagMs > 3 * Math.max(interval, DEFAULT_INTERVAL_MS) };
      });
    },
    'sync:quarantine': (arg) => {
      const params = { sourceId: arg.sourceId ?? null, limit: arg.limit, offset: arg.offset };
      return { total: quarantineCount.get(params) as number, rows: quarantineRows.all(params) as QuarantineItem[] };
    },
    'sync:retry': (arg) => {
      const row = quarantineOne.get(arg.id) as { id: number; sourceId: string; raw: string; origin: Origin; kind: string | null } | undefined;
      if (!row) throw new ContractError(`Quarantined record ${arg.id} does not exist`, 'failed');
      // A row of a file import is read again through the source's column mapping as saved now
      // (a supervisor may have fixed it since), never through the source's API connector.
      const mapping = row.origin === 'file' ? loadCsvMapping(db, row.sourceId) : null;
      if (row.origin === 'file' && !mapping) {
        const why = 'no column mapping saved for this source';
        reason.run(why, now(), row.id);
        return { ok: false, reason: why };
      }
      const connector = mapping ? csvConnector(mapping) : CONNECTORS[formatOf(row.sourceId, row.kind ?? 'pos')];
      let value: unknown;
      try {
        value = row.raw.trimStart().startsWith('<') ? alertOf(parseUntrustedXml(Buffer.from(row.raw), 16 << 20)) : JSON.parse(row.raw);
      } catch (error) {
        reason.run(`still unreadable: ${(error as Error).message}`, now(), row.id);
        return { ok: false, reason: `still unreadable: ${(error as Error).message}` };
      }
      locate ??= createLocator(pack);
      const ctx = {
        sourceId: row.sourceId,
        locate,
        categories: new Set(pack.config.categories.map((c) => c.id)),
        municipalities: new Set(pack.municipalities.map((m) => m.id)),
        categoryMap: configured(row.sourceId)?.categoryMap ?? {},
        now: now(),
      };
      const normalized = connector.normalize(value, ctx);
      if (normalized.kind === 'invalid') {
        reason.run(normalized.reason, now(), row.id);
        return { ok: false, reason: normalized.reason };
      }
      store ??= prepareBatchStore(db);
      db.transaction(() => {
        store!.commitPage(row.sourceId, connector, { records: [{ value, text: row.raw }], rejected: [] }, ctx, now(), row.origin);
        retried.run(now(), row.id);
      }).immediate();
      return { ok: true, reason: null };
    },
  };
}
