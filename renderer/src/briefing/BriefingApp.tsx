import { useCallback, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { BriefingData, BriefingGeo, BriefingInfo, BriefingPeriodKind } from '@shared/api/briefing';
import { DAY_MS, zoneOffsetMs } from '@shared/time';
import { ApiError, getClient } from '../api/client';
import { setAppState } from '../common/appState';
import { dataTime, periodLabel } from './format';
import { PAGES, type PageContext } from './Pages';
import { SnapshotDialog } from './SnapshotDialog';
import { usePresenterKeys } from './usePresenterKeys';
import './briefing.css';

const client = getClient('briefing');

/** A calendar date (yyyy-mm-dd) at the region's midnight. */
function localMidnight(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const utc = Date.UTC(y!, m! - 1, d!);
  return utc - zoneOffsetMs(utc, timeZone);
}

export function BriefingApp() {
  const { t } = useTranslation('briefing');
  const [info, setInfo] = useState<BriefingInfo | null>(null);
  const [geo, setGeo] = useState<BriefingGeo | null>(null);
  const [data, setData] = useState<BriefingData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [period, setPeriod] = useState<BriefingPeriodKind>('week');
  const [custom, setCustom] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [territory, setTerritory] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const [exporting, setExporting] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [snapshotOpen, setSnapshotOpen] = useState(false);
  const [scale, setScale] = useState(1);
  // The first page is drawn alone, the others right after it is on screen (or at once for print).
  const [allPages, setAllPages] = useState(false);

  useEffect(() => {
    Promise.all([client.invoke('briefing:info', {}), client.invoke('briefing:geo', {})]).then(
      ([i, g]) => (setInfo(i), setGeo(g)),
      (err: Error) => setError(err.message),
    );
  }, []);

  // A standard period is asked for together with the reference and the boundaries, not after them:
  // only a custom range needs the region's zone first.
  const timeZone = info?.timeZone ?? null;
  const range = useMemo(() => {
    if (period !== 'custom' || !timeZone || !custom.from || !custom.to) return null;
    return { from: localMidnight(custom.from, timeZone), to: localMidnight(custom.to, timeZone) + DAY_MS };
  }, [period, custom, timeZone]);
  const query = useMemo(() => {
    if (period !== 'custom') return { period, municipalityId: territory };
    return range ? { period, municipalityId: territory, ...range } : null;
  }, [period, territory, range]);

  useEffect(() => {
    if (!query) return;
    let cancelled = false;
    setAppState('loading');
    client.invoke('briefing:data', query).then(
      (d) => !cancelled && (setData(d), setError(null)),
      (err: Error) => !cancelled && setError(err.message),
    );
    return () => {
      cancelled = true;
    };
  }, [query]);

  useEffect(() => {
    if (data && geo && info) setAppState('ready');
    else if (error) setAppState('error');
  }, [data, geo, info, error]);

  const shown = data !== null && geo !== null && info !== null;
  useEffect(() => {
    if (!shown || allPages) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => (timer = window.setTimeout(() => setAllPages(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [shown, allPages]);
  useEffect(() => {
    // Printing from the browser (or a PDF through the DevTools protocol) lays out every page now.
    const beforePrint = () => flushSync(() => setAllPages(true));
    window.addEventListener('beforeprint', beforePrint);
    return () => window.removeEventListener('beforeprint', beforePrint);
  }, []);

  // Pages are drawn at A4 size (297 × 210 mm) and scaled to the screen; print uses them unscaled.
  useEffect(() => {
    const fit = () => setScale(0.97 * Math.min(window.innerWidth / 1123, (window.innerHeight - (document.fullscreenElement ? 0 : 56)) / 794));
    fit();
    window.addEventListener('resize', fit);
    document.addEventListener('fullscreenchange', fit);
    return () => {
      window.removeEventListener('resize', fit);
      document.removeEventListener('fullscreenchange', fit);
    };
  }, []);

  const total = PAGES.length;
  const go = useCallback((to: number) => setPage(Math.max(0, Math.min(total - 1, to))), [total]);
  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => {});
  }, []);
  usePresenterKeys({ next: () => setPage((p) => Math.min(total - 1, p + 1)), prev: () => setPage((p) => Math.max(0, p - 1)), first: () => go(0), last: () => go(total - 1), fullscreen: toggleFullscreen });

  const exportPdf = useCallback(async () => {
    // Every page is already in the document; waiting a frame per page lets fonts and SVG settle
    // and shows the presenter that something is happening before the print dialog opens.
    flushSync(() => setAllPages(true));
    await document.fonts.ready;
    for (let i = 0; i < total; i++) {
      setExporting(i + 1);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    }
    try {
      // Electron saves through printToPDF in main; a shell that does not handle it yet, and every
      // browser of the host, print through the page's print stylesheet instead.
      const viaShell = window.cur?.call['briefing:exportPdf']
        ? await client.invoke('briefing:exportPdf', {}).catch((err: unknown) => {
            if (err instanceof ApiError && err.code === 'bad-method') return null;
            throw err;
          })
        : null;
      if (viaShell === null) window.print();
      else if (viaShell.file) setNotice(t('export.done', { file: viaShell.file }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setExporting(null);
    }
  }, [total, t]);

  if (!info || !geo || !data) {
    return <div className="briefing-loading">{error ? <p role="alert" data-testid="briefing-error">{error}</p> : t('common:loading')}</div>;
  }

  const territoryName = data.municipalityId ? (info.municipalities.find((m) => m.id === data.municipalityId)?.name ?? data.municipalityId) : t('region');
  const ctx: PageContext = {
    info,
    data,
    geo,
    territory: territoryName,
    periodText: periodLabel(data.period, info.timeZone),
    dataText: dataTime(data.dataAt, info.timeZone),
  };
  const offline = info.mode === 'snapshot';

  return (
    <div className={`briefing ${offline ? 'offline' : ''}`} style={{ '--page-scale': scale } as React.CSSProperties}>
      <div className="toolbar">
        <label>
          {t('toolbar.period')}{' '}
          <select data-testid="period" value={period} onChange={(e) => setPeriod(e.target.value as BriefingPeriodKind)}>
            {info.periods.map((p) => (
              <option key={p} value={p}>{t(`period.${p}`)}</option>
            ))}
          </select>
        </label>
        {period === 'custom' && (
          <>
            <label>{t('toolbar.from')} <input type="date" data-testid="custom-from" value={custom.from} onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))} /></label>
            <label>{t('toolbar.to')} <input type="date" data-testid="custom-to" value={custom.to} onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))} /></label>
          </>
        )}
        <label>
          {t('toolbar.territory')}{' '}
          <select data-testid="territory" value={territory ?? ''} onChange={(e) => setTerritory(e.target.value || null)}>
            <option value="">{t('region')}</option>
            {[...info.municipalities].sort((a, b) => a.name.localeCompare(b.name, 'ru')).map((m) => (
              <option key={m.id} value={m.id}>{m.name}</option>
            ))}
          </select>
        </label>
        <span className={`stamp ${offline ? 'stamp-offline' : ''}`} data-testid="data-stamp">
          {t(offline ? 'stamp.snapshot' : 'stamp.live', { time: ctx.dataText })}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => go(page - 1)} aria-label={t('toolbar.prev')}>←</button>
        <span data-testid="page-counter" className="counter" title={t('toolbar.hint')}>{t('toolbar.counter', { page: page + 1, total })}</span>
        <button type="button" onClick={() => go(page + 1)} aria-label={t('toolbar.next')}>→</button>
        <button type="button" onClick={toggleFullscreen}>{t('toolbar.fullscreen')}</button>
        <button type="button" data-testid="print" onClick={() => void exportPdf()} disabled={exporting !== null}>{t('toolbar.print')}</button>
        {!offline && <button type="button" data-testid="snapshot-open" onClick={() => setSnapshotOpen(true)}>{t('toolbar.snapshot')}</button>}
      </div>
      {error && <p role="alert" className="banner-error" data-testid="briefing-error">{error}</p>}
      {notice && <p className="banner-notice" onClick={() => setNotice(null)}>{notice}</p>}
      <main className="pages" data-current-page={page + 1}>
        {PAGES.map((Page, i) => (
          <div key={i} className={`page-slot ${i === page ? 'current' : ''}`}>
            {(allPages || i === page) && <Page index={i} total={total} ctx={ctx} />}
          </div>
        ))}
      </main>
      {exporting !== null && (
        <div className="export-progress" role="status" data-testid="export-progress">
          {t('export.progress', { page: exporting, total })}
          <progress max={total} value={exporting} />
        </div>
      )}
      {snapshotOpen && <SnapshotDialog client={client} onClose={() => setSnapshotOpen(false)} />}
    </div>
  );
}
