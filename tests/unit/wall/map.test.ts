import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { hexColor, LOAD_RAMP, makeClassScale, niceNumber, NO_LOAD_COLOR, quantileBreaks } from '../../../renderer/src/wall/map/colorScale.pure';
import { bboxesById, bboxOf } from '../../../renderer/src/wall/map/geometry.pure';
import { addAppeals, hexesFromServer } from '../../../renderer/src/wall/map/hexes.pure';
import { changedColors, loadPicture, municipalityLoad } from '../../../renderer/src/wall/map/load.pure';
import { addPulses, livePulses, MAX_PULSES, PULSE_MS, pulseAlpha, pulseRadiusPx } from '../../../renderer/src/wall/map/pulses.pure';
import type { WallAppeal } from '../../../shared/domain';

const appeal = (id: number, over: Partial<WallAppeal> = {}): WallAppeal => ({
  id,
  categoryId: 'heating',
  sectorId: 'housing',
  municipalityId: 'M1',
  lon: 44.0,
  lat: 56.3,
  receivedAt: 1_700_000_000_000,
  escalated: false,
  ...over,
});

describe('colour scales', () => {
  it('rounds class boundaries to numbers a person would write', () => {
    expect([0, 0.34, 1, 1.6, 3.4, 7.6, 12, 480].map(niceNumber)).toEqual([0, 0.3, 1, 2, 2, 10, 10, 500]);
  });

  it('breaks skewed load by quantiles, so one big city does not flatten the rest', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1000];
    const breaks = quantileBreaks(values, 4);
    expect(breaks).toEqual([2, 5, 10]);
    expect(breaks[breaks.length - 1]).toBeLessThan(100);
    expect(breaks.every((b, i) => i === 0 || b > breaks[i - 1]!)).toBe(true);
  });

  it('paints zero as "no load" and the largest values with the hottest colour', () => {
    const scale = makeClassScale([1, 2, 3, 5, 8, 13, 21, 34, 55, 89]);
    expect(scale.colorOf(0)).toBe(NO_LOAD_COLOR);
    expect(scale.colorOf(89)).toBe(LOAD_RAMP[LOAD_RAMP.length - 1]);
    expect(scale.colors.length).toBe(scale.breaks.length + 1);
    const order = [1, 5, 20, 89].map((v) => scale.colors.indexOf(scale.colorOf(v)));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('has no classes without data', () => {
    const scale = makeClassScale([]);
    expect(scale.breaks).toEqual([]);
    expect(scale.colorOf(0)).toBe(NO_LOAD_COLOR);
  });

  it('colours hexagons from faint cyan to opaque red, and hides empty cells', () => {
    expect(hexColor(0, 10)).toEqual([0, 0, 0, 0]);
    expect(hexColor(10, 10)).toEqual([255, 70, 60, 210]);
    const quarter = hexColor(2.5, 10);
    expect(quarter[3]).toBeGreaterThan(hexColor(1, 10)[3]);
    expect(quarter[3]).toBeLessThan(210);
  });
});

describe('municipality load', () => {
  const population = new Map<string, number | null>([
    ['M1', 100_000],
    ['M2', 10_000],
    ['M3', null],
  ]);
  const counts = [
    { municipalityId: 'M1', count: 50 },
    { municipalityId: 'M2', count: 10 },
    { municipalityId: 'M3', count: 7 },
  ];

  it('is the count, or appeals per 10,000 residents where the population is known', () => {
    expect([...municipalityLoad(counts, population, 'absolute')]).toEqual([['M1', 50], ['M2', 10], ['M3', 7]]);
    expect([...municipalityLoad(counts, population, 'per10k')]).toEqual([['M1', 5], ['M2', 10]]);
  });

  it('colours every municipality and reports only those whose colour changed', () => {
    const before = loadPicture(municipalityLoad(counts, population, 'absolute'), ['M1', 'M2', 'M3', 'M4']);
    expect(before.colors.get('M4')).toBe(NO_LOAD_COLOR);
    expect(changedColors(before.colors, before.colors)).toEqual([]);
    const after = loadPicture(municipalityLoad([...counts, { municipalityId: 'M4', count: 3 }], population, 'absolute'), ['M1', 'M2', 'M3', 'M4']);
    const changed = changedColors(before.colors, after.colors);
    expect(changed.map(([id]) => id)).toContain('M4');
    for (const [id, color] of changed) expect(after.colors.get(id)).toBe(color);
  });
});

describe('hexagons', () => {
  const cell = latLngToCell(56.3, 44.0, 6);

  it('reads the server aggregate and adds new appeals in place', () => {
    const state = hexesFromServer({ at: 0, resolution: 6, windowHours: 24, cells: [cell], counts: [4] }, null, 1);
    expect(state.max).toBe(4);
    const next = addAppeals(state, [appeal(1), appeal(2), appeal(3, { lat: 55.5, lon: 43.5 })]);
    expect(next.version).toBe(2);
    expect(next.cells.find((c) => c.h3 === cell)?.count).toBe(6);
    expect(next.cells).toHaveLength(2);
    expect(next.max).toBe(6);
    expect(state.cells[0]!.count).toBe(4);
  });

  it('leaves the state untouched when no appeal applies (no layer update)', () => {
    const state = hexesFromServer({ at: 0, resolution: 6, windowHours: 24, cells: [cell], counts: [4] }, 'roads', 1);
    expect(addAppeals(state, [appeal(1, { sectorId: 'housing' }), appeal(2, { lat: null, lon: null })])).toBe(state);
  });
});

describe('pulses', () => {
  it('start where appeals happened, grow, fade and expire', () => {
    const pulses = addPulses([], [appeal(1), appeal(2, { lat: null, lon: null }), appeal(3, { escalated: true })], 1000, (a) => a.escalated);
    expect(pulses.map((p) => p.id)).toEqual([1, 3]);
    const [p1, p3] = pulses as [(typeof pulses)[0], (typeof pulses)[0]];
    expect(pulseRadiusPx(p1, 1000 + PULSE_MS / 2)).toBeGreaterThan(pulseRadiusPx(p1, 1000));
    expect(pulseRadiusPx(p3, 1500)).toBeGreaterThan(pulseRadiusPx(p1, 1500));
    expect(pulseAlpha(p1, 1000)).toBe(255);
    expect(pulseAlpha(p1, 1000 + PULSE_MS)).toBe(0);
    expect(livePulses(pulses, 1000 + PULSE_MS)).toEqual([]);
  });

  it('keep at most MAX_PULSES in a storm, dropping the oldest', () => {
    const storm = Array.from({ length: MAX_PULSES + 50 }, (_, i) => appeal(i + 1));
    const pulses = addPulses([], storm, 0);
    expect(pulses).toHaveLength(MAX_PULSES);
    expect(pulses[0]!.id).toBe(51);
  });
});

describe('geometry', () => {
  it('boxes polygons and multipolygons by id', () => {
    const boxes = bboxesById([
      { properties: { id: 'A' }, geometry: { type: 'Polygon', coordinates: [[[1, 2], [3, 4], [2, 5], [1, 2]]] } },
      { properties: { id: 'B' }, geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 1], [0, 1], [0, 0]]], [[[5, 5], [6, 7], [5, 6], [5, 5]]]] } },
      { properties: { id: 'C' }, geometry: null },
    ]);
    expect(boxes.get('A')).toEqual([1, 2, 3, 5]);
    expect(boxes.get('B')).toEqual([0, 0, 6, 7]);
    expect(boxes.has('C')).toBe(false);
    expect(bboxOf({ type: 'Point', coordinates: [4, 5] })).toEqual([4, 5, 4, 5]);
  });
});
