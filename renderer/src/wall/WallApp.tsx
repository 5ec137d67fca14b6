import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source, WallAppeal } from '../../../shared/domain';
import { getClient } from '../api/client';
import { setAppState } from '../common/appState';
import { useContract } from '../common/useContract';
import { formatTime } from '../i18n/format';
import { Counters } from './counters/Counters';
import { Clock } from './health/Clock';
import { Sources } from './health/Sources';
import { dataStamp } from './health/staleness.pure';
import { Live, usePendingStore } from './live/useLiveSummary';
import type { BBox } from './map/geometry.pure';
import { WallMap } from './map/WallMap';
import { probe } from './probe';
import { SceneTitle } from './scenes/SceneTitle';
import { ShowCard } from './scenes/ShowCard';
import { WallTrend } from './scenes/WallTrend';
import { useScenes } from './scenes/useScenes';
import { viewOf } from './scenes/view.pure';
import { Sectors } from './sectors/Sectors';
import { Tension } from './tension/Tension';
import { Ticker } from './ticker/Ticker';
import './wall.css';

const client = getClient('wall');
/** The summary is refetched at most this often, however fast the cache changes. */
const SUMMARY_MIN_INTERVAL_MS = 1000;
/** The layout's unit: 1 at 1920×1080, larger on bigger walls (see wall.css --u). */
const unitScale = () => Math.min(window.innerWidth / 1920, window.innerHeight / 1080);

export function WallApp() {
  const { t } = useTranslation('wall');
  const reference = useContract(client, 'reference:get', {}, []);
  const config = useContract(client, 'wall:config', {}, []);
  const summary = useContract(client, 'wall:summary', {}, ['db:changed'], SUMMARY_MIN_INTERVAL_MS);
  const [sources, setSources] = useState<Source[]>([]);
  const [connected, setConnected] = useState(true);
  const [failure, setFailure] = useState<Error | null>(null);
  const [boxes, setBoxes] = useState<Map<string, BBox>>(new Map());
  const [scale, setScale] = useState(unitScale);
  const [now, setNow] = useState(() => Date.now());
  const frameRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    client.invoke('sync:status', {}).then((list) => !cancelled && setSources(list), () => {});
    const off = client.listen('sync:status', (list: Source[]) => setSources(list));
    const offConnection = client.onConnection(setConnected);
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    const onResize = () => setScale(unitScale());
    window.addEventListener('resize', onResize);
    return () => {
      cancelled = true;
      off();
      offConnection();
      clearInterval(tick);
      window.removeEventListener('resize', onResize);
    };
  }, []);

  const ref = reference.data;
  const names = useMemo(() => {
    const municipalities = new Map(ref?.municipalities.map((m) => [m.id, m.label || m.name]) ?? []);
    const sectors = new Map(ref?.sectors.map((s) => [s.id, s.name]) ?? []);
    const categories = new Map(ref?.categories.map((c) => [c.id, c.name]) ?? []);
    const get = (map: Map<string, string>) => (id: string | null) => (id ? (map.get(id) ?? null) : null);
    return { municipality: get(municipalities), sector: get(sectors), category: get(categories) };
  }, [ref]);
  const sectorIds = useMemo(() => ref?.sectors.map((s) => s.id) ?? [], [ref]);
  const timeZone = config.data?.timeZone;

  const [mapReady, setMapReady] = useState(false);
  const ready = mapReady && summary.data !== null;
  const scenes = useScenes(client, config.data, summary.data, ref?.region.capitalId ?? null, sectorIds, ready);
  const scene = scenes.resolved;

  const showAppealId = scene?.kind === 'show-appeal' ? scene.appealId : null;
  const [shownAppeal, setShownAppeal] = useState<{ id: number; appeal: WallAppeal | null } | null>(null);
  useEffect(() => {
    if (showAppealId === null) return;
    let cancelled = false;
    client.invoke('wall:appeal', { id: showAppealId }).then(
      (appeal) => !cancelled && setShownAppeal({ id: showAppealId, appeal }),
      () => !cancelled && setShownAppeal({ id: showAppealId, appeal: null }),
    );
    return () => {
      cancelled = true;
    };
  }, [showAppealId]);
  const appeal = shownAppeal && shownAppeal.id === showAppealId ? shownAppeal.appeal : undefined;

  const view = useMemo(
    () => (scene && ref && !(scene.kind === 'show-appeal' && appeal === undefined) ? viewOf(scene, ref.region.bbox, boxes, appeal ?? null) : null),
    [scene, ref, boxes, appeal],
  );

  const error = failure ?? reference.error ?? config.error;
  useEffect(() => {
    if (error) setAppState('error');
    else if (ready) {
      setAppState('ready');
    }
  }, [ready, error]);

  // The first complete frame is the later of the map's first complete render on screen (the frame
  // after maplibre's `load`, whose commit carries its pixels) and the commit that first showed the
  // summary; taken when each happens, not when React next runs an effect, which the software-WebGL
  // frames that follow (colours, hexagons) can hold up for seconds.
  const firstFrame = useRef<{ mapAt: number | null; summaryAt: number | null }>({ mapAt: null, summaryAt: null });
  const noteFirstFrame = useCallback(() => {
    const { mapAt, summaryAt } = firstFrame.current;
    if (mapAt !== null && summaryAt !== null) probe.readyAt ??= Math.max(mapAt, summaryAt);
  }, []);
  const hasSummary = summary.data !== null;
  useLayoutEffect(() => {
    if (!hasSummary) return;
    firstFrame.current.summaryAt ??= performance.now();
    noteFirstFrame();
  }, [hasSummary, noteFirstFrame]);
  const onReady = useCallback(() => {
    requestAnimationFrame(() => {
      firstFrame.current.mapAt ??= performance.now();
      noteFirstFrame();
    });
    setMapReady(true);
  }, [noteFirstFrame]);
  const onError = useCallback((e: Error) => setFailure(e), []);

  const stamp = dataStamp(connected, summary.data?.at ?? null);
  const s = summary.data;
  // The counters count pushed appeals at once (only their subtrees re-render per push); the map,
  // the scenes and the rest of the panels follow the summary itself.
  const pending = usePendingStore(client, s?.lastAppealId);
  const live = (render: (summary: NonNullable<typeof s>) => React.ReactNode) =>
    s && (
      <Live store={pending} summary={s} timeZone={timeZone}>
        {render}
      </Live>
    );
  const focusSector = scene?.kind === 'sector' ? scene.sectorId : null;

  return (
    <div className={`wall wall--${scene?.kind ?? 'loading'}`} data-testid="wall" data-scene={scene?.kind ?? ''} data-scene-serial={scenes.serial}>
      {ref && config.data && (
        <WallMap
          client={client}
          reference={ref}
          config={config.data}
          summary={s}
          view={view}
          viewKey={scenes.serial}
          frameRef={frameRef}
          scale={scale}
          onBoxes={setBoxes}
          onReady={onReady}
          onError={onError}
        />
      )}
      <div className="hud">
        <header className="topbar">
          <div className="brand">
            <div className="brand__title">{ref?.region.name ?? ''}</div>
            <div className="brand__subtitle">{t('title')}</div>
          </div>
          <div className="topbar__center">
            {scene && (
              <SceneTitle scene={scene} serial={scenes.serial} seconds={scenes.seconds} municipalityName={names.municipality} sectorName={names.sector} />
            )}
          </div>
          <div className="topbar__right">
            {stamp !== null && (
              <div className="offline" data-testid="offline-stamp">
                {t('health.offline', { time: formatTime(stamp, timeZone) })}
              </div>
            )}
            <Clock timeZone={timeZone} />
          </div>
        </header>
        <aside className="panel panel--left">
          {live((v) => <Counters summary={v} />)}
          {s && <Sources sources={sources} summary={s} now={now} />}
        </aside>
        <main className="frame" ref={frameRef}>
          {scene?.kind === 'kpi' && s && (
            <div className="kpi-board">
              {live((v) => <Counters summary={v} big />)}
              <WallTrend client={client} />
            </div>
          )}
          {scene && (scene.kind === 'show-appeal' || scene.kind === 'show-municipality') && (
            <>
              {scene.kind === 'show-appeal' && appeal && <div className="show-ring" />}
              <ShowCard
                scene={scene}
                appeal={appeal}
                summary={s}
                windowHours={config.data?.windowHours ?? 24}
                categoryName={names.category}
                sectorName={names.sector}
                municipalityName={names.municipality}
                timeZone={timeZone}
              />
            </>
          )}
        </main>
        <aside className="panel panel--right">
          {ref && live((v) => <Sectors summary={v} sectors={ref.sectors} focusId={focusSector} />)}
          {s && <Tension summary={s} municipalityName={(id) => names.municipality(id) ?? id} sectorName={(id) => names.sector(id) ?? id} />}
        </aside>
        <footer className="bottombar">
          {s && <Ticker items={s.ticker} categoryName={names.category} municipalityName={names.municipality} timeZone={timeZone} />}
          <div className="attribution" data-testid="attribution">
            {ref?.region.attribution.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        </footer>
      </div>
      {error && (
        <div className="wall-error" role="alert">
          {t('error', { message: error.message })}
        </div>
      )}
      {config.data?.problem && <div className="config-problem">{t('config.problem', { problem: config.data.problem })}</div>}
    </div>
  );
}
