import { describe, expect, it } from 'vitest';
import { APPEAL_STATUSES } from '../../../shared/domain';
import { normalizeIncident } from '../../../electron/core/connectors/incident';
import { normalizeCallCard } from '../../../electron/core/connectors/line112';
import { normalizeOpen311, tolerantJson } from '../../../electron/core/connectors/open311';
import { normalizePos } from '../../../electron/core/connectors/pos';
import type { Normalized, NormalizeContext } from '../../../electron/core/connectors/types';
import { createRandom, type Random } from '../../../electron/core/demo/random';
import { Places } from '../../../electron/core/simulator/model';
import { renderFeedItem } from '../../../electron/core/simulator/render';
import { SourceLog } from '../../../electron/core/simulator/model';
import { normalizeContext, region } from './helpers';

const RUNS = 500;

/** A random JSON value of bounded depth: the junk a broken source might send. */
function junk(r: Random, depth = 0): unknown {
  const k = r.int(0, depth > 2 ? 5 : 8);
  if (k === 0) return null;
  if (k === 1) return r.next() * 1e6 - 5e5;
  if (k === 2) return r.pick(['', 'new', 'closed', '2026-13-45', 'ул. Ленина', '<script>', '0']);
  if (k === 3) return r.chance(0.5);
  if (k === 4) return r.int(-5, 5);
  if (k === 5) return Array.from({ length: r.int(0, 4) }, () => junk(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = r.int(0, 6); i > 0; i--) o[r.pick(['id', 'text', 'status', 'created_at', 'updated_at', 'coordinates', 'lat', 'long', 'card_id', 'type', 'x'])] = junk(r, depth + 1);
  return o;
}

function checkInvariants(n: Normalized, ctx: NormalizeContext) {
  expect(['appeal', 'invalid', 'skip', 'indicator']).toContain(n.kind);
  if (n.kind === 'invalid' || n.kind === 'skip') expect(n.reason.length).toBeGreaterThan(3);
  if (n.kind !== 'appeal') return;
  const a = n.appeal;
  expect(a.sourceId).toBe(ctx.sourceId);
  expect(a.externalId.length).toBeGreaterThan(0);
  expect(APPEAL_STATUSES).toContain(a.status);
  expect(Number.isFinite(a.receivedAt) && Number.isFinite(a.sourceUpdatedAt)).toBe(true);
  expect(a.categoryId === null || ctx.categories.has(a.categoryId)).toBe(true);
  expect(a.municipalityId === null || ctx.municipalities.has(a.municipalityId)).toBe(true);
  expect((a.lat === null) === (a.lon === null)).toBe(true);
  if (a.lat !== null) expect(Math.abs(a.lat) <= 90 && Math.abs(a.lon!) <= 180).toBe(true);
}

describe('normalizers, property-style', () => {
  const normalizers = { pos: normalizePos, incident: normalizeIncident, line112: normalizeCallCard, open311: normalizeOpen311 };

  it('never throw and always keep their invariants on arbitrary junk', () => {
    const r = createRandom(1);
    for (const [id, normalize] of Object.entries(normalizers)) {
      const ctx = normalizeContext(id);
      for (let i = 0; i < RUNS; i++) checkInvariants(normalize(junk(r), ctx), ctx);
    }
  });

  it('accept every record the simulator renders, and keep its id, status and times', () => {
    const pack = region();
    const places = new Places(pack, 3);
    const categories = pack.config.categories.map((c) => c.id);
    const r = createRandom(2);
    for (const [format, normalize] of [['pos', normalizePos], ['incident', normalizeIncident], ['line112', normalizeCallCard]] as const) {
      const log = new SourceLog(format, format, 5);
      const ctx = normalizeContext(format);
      for (let i = 0; i < RUNS; i++) {
        const at = 1_700_000_000_000 + r.int(0, 1e9);
        const version = r.int(1, 6);
        log.add(at, version);
        const record = JSON.parse(renderFeedItem({ places, categories, timeZone: 'Europe/Moscow' }, log, format, i, version, at + 1000));
        const n = normalize(record, ctx);
        checkInvariants(n, ctx);
        expect(n).toMatchObject({ kind: 'appeal', appeal: { externalId: `${format}-${i}`, receivedAt: at, sourceUpdatedAt: at + 1000 } });
        if (n.kind === 'appeal') expect(n.appeal.municipalityId).not.toBeNull();
      }
    }
  });

  it('refuse a valid record with one required field removed, naming a reason', () => {
    const base = { id: 'p1', created_at: '2026-01-01T10:00:00Z', updated_at: '2026-01-01T10:00:00Z', text: 'Нет отопления', status: 'new' };
    const ctx = normalizeContext('pos');
    expect(normalizePos(base, ctx).kind).toBe('appeal');
    for (const key of Object.keys(base)) {
      const { [key as keyof typeof base]: _dropped, ...rest } = base;
      const n = normalizePos(rest, ctx);
      expect(n).toMatchObject({ kind: 'invalid', reason: expect.stringContaining(key) });
    }
  });

  it('tolerantJson leaves valid JSON unchanged and quotes only leading-zero numbers', () => {
    const r = createRandom(3);
    for (let i = 0; i < RUNS; i++) {
      const value = junk(r);
      expect(tolerantJson(JSON.stringify(value))).toEqual(value);
    }
    expect(tolerantJson('{"a":007,"b":[01, 0, -02.5],"c":"x:007,"}')).toEqual({ a: '007', b: ['01', 0, '-02.5'], c: 'x:007,' });
  });
});
