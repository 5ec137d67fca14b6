import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BriefingData, BriefingGeo, BriefingInfo } from '@shared/api/briefing';
import { formatNumber } from '../i18n/format';
import { colorFor, fitProjection, LOAD_COLORS, pathOf, quantileBreaks } from './projection';

const LEGEND_HEIGHT = 64;

interface Props {
  geo: BriefingGeo;
  info: BriefingInfo;
  data: BriefingData;
  width: number;
  height: number;
}

/** A static SVG choropleth: prints crisply in a PDF and needs neither WebGL nor tiles. */
export function BriefingMap({ geo, info, data, width, height }: Props) {
  const { t } = useTranslation('briefing');
  // The bottom strip holds the legend, so the map never runs under it.
  const projection = useMemo(() => fitProjection(geo, width, height - LEGEND_HEIGHT), [geo, width, height]);
  const paths = useMemo(() => geo.features.map((f) => ({ id: f.properties.id, d: pathOf(f.geometry.coordinates, projection) })), [geo, projection]);
  const perCapita = data.byMunicipality.some((r) => r.per10k !== null);
  const load = new Map(data.byMunicipality.map((r) => [r.id, perCapita ? (r.per10k ?? 0) : r.received]));
  const breaks = quantileBreaks([...load.values()]);
  const municipalities = new Map(info.municipalities.map((m) => [m.id, m]));
  const tensionIds = new Set(data.tension.map((x) => x.municipalityId));
  const labelled = [...load].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([id]) => id);
  const selected = data.municipalityId;

  return (
    <svg className="map" data-testid="briefing-map" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img">
      <g>
        {paths.map((p) => (
          <path key={p.id} d={p.d} fill={colorFor(load.get(p.id) ?? 0, breaks)} stroke="#7a8599" strokeWidth={0.6} data-municipality={p.id} />
        ))}
        {selected && paths.filter((p) => p.id === selected).map((p) => <path key="sel" d={p.d} fill="none" stroke="#1d4ed8" strokeWidth={3} />)}
      </g>
      <g>
        {labelled.map((id) => {
          const m = municipalities.get(id);
          if (!m || m.lon === null || m.lat === null) return null;
          const [x, y] = projection.project(m.lon, m.lat);
          return (
            <text key={id} x={x} y={y + (tensionIds.has(id) ? 26 : 4)} className="map-label" textAnchor="middle">
              {m.label}
            </text>
          );
        })}
        {[...tensionIds].map((id) => {
          const m = municipalities.get(id);
          if (!m || m.lon === null || m.lat === null) return null;
          const [x, y] = projection.project(m.lon, m.lat);
          return (
            <g key={`t-${id}`} data-testid="tension-marker">
              <circle cx={x} cy={y} r={11} fill="none" stroke="#b30000" strokeWidth={3} />
              <circle cx={x} cy={y} r={4} fill="#b30000" />
            </g>
          );
        })}
      </g>
      <g transform={`translate(4, ${height - LEGEND_HEIGHT + 10})`}>
        <text className="map-legend-title" x={0} y={0}>{perCapita ? t('map.legend') : t('map.legendCount')}</text>
        {LOAD_COLORS.slice(0, breaks.length + 1).map((color, i) => (
          <g key={color} transform={`translate(${i * 64}, 8)`}>
            <rect width={60} height={14} fill={color} stroke="#7a8599" strokeWidth={0.5} />
            <text className="map-legend" x={0} y={30}>{i === 0 ? '< ' + formatNumber(breaks[0] ?? 0) : '≥ ' + formatNumber(breaks[i - 1]!)}</text>
          </g>
        ))}
        <g transform={`translate(${(breaks.length + 1) * 64 + 16}, 8)`}>
          <circle cx={7} cy={7} r={6} fill="none" stroke="#b30000" strokeWidth={2.5} />
          <text className="map-legend" x={20} y={11}>{t('map.tension')}</text>
        </g>
      </g>
      <text className="map-attribution" x={width - 6} y={height - 6} textAnchor="end">{t('map.attribution')}</text>
    </svg>
  );
}
