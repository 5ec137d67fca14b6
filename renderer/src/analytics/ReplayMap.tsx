import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import { colorFor, fitProjection, LOAD_COLORS, pathOf, quantileBreaks } from '../briefing/projection';
import { useContract } from '../common/useContract';
import { formatDateTime, formatNumber, formatTime } from '../i18n/format';
import { ANALYTICS_NS } from './i18n';

const WIDTH = 560;
const HEIGHT = 420;
const HOUR_MS = 3_600_000;
/** One hour of the replay per step while playing: a week passes in about a minute. */
const STEP_MS = 350;

/**
 * The map's time slider: municipalities coloured by the appeals of one hour, over the last days.
 * An SVG map from the region's simplified boundaries, so it needs neither WebGL nor tiles; one
 * colour scale for every hour, so a colour means the same load wherever the slider stands.
 */
export function ReplayMap({ client }: { client: ApiClient }) {
  const { t } = useTranslation(ANALYTICS_NS);
  const geo = useContract(client, 'briefing:geo', {}, []);
  const info = useContract(client, 'briefing:info', {}, []);
  const replay = useContract(client, 'analytics:replay', { days: 7 }, ['db:changed'], 60_000);
  // null: follow the latest hour as new data arrives.
  const [picked, setPicked] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const data = replay.data;
  const hours = data?.hours ?? 0;
  const hour = picked === null ? Math.max(0, hours - 1) : Math.min(picked, Math.max(0, hours - 1));

  useEffect(() => {
    if (!playing || hours === 0) return;
    const timer = setInterval(() => setPicked((i) => ((i ?? hours - 1) + 1) % hours), STEP_MS);
    return () => clearInterval(timer);
  }, [playing, hours]);

  const projection = useMemo(() => (geo.data ? fitProjection(geo.data, WIDTH, HEIGHT) : null), [geo.data]);
  const paths = useMemo(
    () => (geo.data && projection ? geo.data.features.map((f) => ({ id: f.properties.id, d: pathOf(f.geometry.coordinates, projection) })) : []),
    [geo.data, projection],
  );
  const breaks = useMemo(() => quantileBreaks(data?.counts ?? []), [data]);
  if (!data || !geo.data) return <div>{t('loading')}</div>;

  const width = data.municipalityIds.length;
  const countOf = new Map(data.municipalityIds.map((id, j) => [id, data.counts[hour * width + j] ?? 0]));
  const total = [...countOf.values()].reduce((a, b) => a + b, 0);
  const start = data.from + hour * HOUR_MS;
  const timeZone = info.data?.timeZone;

  return (
    <div data-testid="replay" data-hour={hour} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <button type="button" data-testid="replay-play" onClick={() => setPlaying((p) => !p)}>
          {playing ? t('replay.pause') : t('replay.play')}
        </button>
        <input
          type="range"
          data-testid="replay-slider"
          aria-label={t('replay.slider')}
          min={0}
          max={Math.max(0, data.hours - 1)}
          value={hour}
          onChange={(e) => {
            setPlaying(false);
            setPicked(Number(e.target.value));
          }}
          style={{ flex: 1 }}
        />
        <span data-testid="replay-time" style={{ minWidth: 220 }}>
          {formatDateTime(start, timeZone)}–{formatTime(start + HOUR_MS, timeZone)}
        </span>
        <span data-testid="replay-total">{t('replay.total', { count: total, formatted: formatNumber(total) })}</span>
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={t('replay.title')}>
        {paths.map((p) => (
          <path key={p.id} d={p.d} fill={colorFor(countOf.get(p.id) ?? 0, breaks)} stroke="#7a8599" strokeWidth={0.6} data-municipality={p.id} data-count={countOf.get(p.id) ?? 0} />
        ))}
      </svg>
      <div style={{ display: 'flex', gap: 4, alignItems: 'center', fontSize: 12 }}>
        <span>{t('replay.legend')}</span>
        {LOAD_COLORS.slice(0, breaks.length + 1).map((color, i) => (
          <span key={color} style={{ display: 'inline-flex', gap: 2, alignItems: 'center' }}>
            <span style={{ width: 18, height: 12, background: color, border: '1px solid #7a8599' }} />
            {i === 0 ? `< ${formatNumber(breaks[0] ?? 0)}` : `≥ ${formatNumber(breaks[i - 1]!)}`}
          </span>
        ))}
      </div>
    </div>
  );
}
