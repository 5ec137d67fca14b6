import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BriefingData, BriefingGeo, BriefingInfo, BriefingRankRow } from '@shared/api/briefing';
import { formatDuration, formatNumber } from '../i18n/format';
import { BriefingMap } from './BriefingMap';
import { Chart } from './Chart';
import { bucketLabel, change, formatPct } from './format';

export interface PageContext {
  info: BriefingInfo;
  data: BriefingData;
  geo: BriefingGeo;
  territory: string;
  periodText: string;
  dataText: string;
}

/** Overdue share above which a row is printed in red. */
const OVERDUE_ALERT = 0.15;
const TABLE_ROWS = 14;

function useNames(info: BriefingInfo) {
  const { t } = useTranslation('briefing');
  const by = <T extends { id: string; name: string }>(list: readonly T[]) => new Map(list.map((x) => [x.id, x.name]));
  const m = by(info.municipalities);
  const c = by(info.categories);
  const s = by(info.sectors);
  const a = by(info.agencies);
  const unknown = t('unknown');
  return {
    municipality: (id: string | null) => (id && m.get(id)) || unknown,
    category: (id: string | null) => (id && c.get(id)) || unknown,
    sector: (id: string | null) => (id && s.get(id)) || unknown,
    agency: (id: string | null) => (id && a.get(id)) || unknown,
  };
}

export function PageFrame({ index, total, title, ctx, children }: { index: number; total: number; title: string; ctx: PageContext; children: ReactNode }) {
  const { t } = useTranslation('briefing');
  return (
    <section className="page" data-testid="briefing-page" data-page={index + 1}>
      <header className="page-head">
        <div>
          <div className="page-kicker">{ctx.info.region.name} · {ctx.territory}</div>
          <h2>{title}</h2>
        </div>
        <div className="page-period">{ctx.periodText}</div>
      </header>
      <div className="page-body">{children}</div>
      <footer className="page-foot">
        <span>{t('footer.period', { period: ctx.periodText })}</span>
        <span data-testid="page-data-at">{t('footer.dataAt', { time: ctx.dataText })}</span>
        <span data-testid="page-number">{t('footer.page', { page: index + 1, total })}</span>
      </footer>
    </section>
  );
}

function Delta({ current, previous, upIsGood = false, format = formatNumber }: { current: number | null; previous: number | null; upIsGood?: boolean; format?: (v: number) => string }) {
  const { t } = useTranslation('briefing');
  const rel = change(current, previous);
  const was = previous === null ? t('kpi.noData') : t('kpi.was', { value: format(previous) });
  if (rel === null || Math.abs(rel) < 0.005) return <div className="delta same">{rel === null ? was : `${t('kpi.same')} · ${was}`}</div>;
  return (
    <div className={`delta ${rel > 0 === upIsGood ? 'good' : 'bad'}`}>
      {t(rel > 0 ? 'kpi.more' : 'kpi.less', { value: formatPct(rel) })} · {was}
    </div>
  );
}

const shareText = (v: number | null) => (v === null ? '—' : formatPct(v));
const durationText = (v: number | null) => (v === null ? '—' : formatDuration(v));

export function KpiPage(props: { index: number; total: number; ctx: PageContext }) {
  const { t } = useTranslation('briefing');
  const { data, info } = props.ctx;
  const names = useNames(info);
  const k = data.kpis;
  const rel = change(k.received, k.prevReceived);
  const top = data.problems[0];
  const mainTension = data.tension[0];
  const summary = [
    rel === null || Math.abs(rel) < 0.005
      ? t('summary.received_same', { count: formatNumber(k.received) })
      : t(rel > 0 ? 'summary.received_up' : 'summary.received_down', { pct: formatPct(rel), count: formatNumber(k.received), prev: formatNumber(k.prevReceived) }),
    k.avgResponseMin !== null ? t('summary.response', { duration: formatDuration(k.avgResponseMin) }) : null,
    k.overdueShare !== null ? t('summary.overdue', { share: formatPct(k.overdueShare), count: formatNumber(k.overdue) }) : null,
    top ? t('summary.topProblem', { category: names.category(top.categoryId), count: formatNumber(top.received) }) : null,
    mainTension
      ? t('summary.tension', { count: data.tension.length, municipality: names.municipality(mainTension.municipalityId), sector: names.sector(mainTension.sectorId).toLowerCase() })
      : t('summary.noTension'),
  ].filter((x): x is string => x !== null);
  return (
    <PageFrame {...props} title={t('pages.kpi')}>
      <div className="kpi-grid">
        <div className="kpi" data-testid="kpi-received">
          <div className="kpi-label">{t('kpi.received')}</div>
          <div className="kpi-value">{formatNumber(k.received)}</div>
          <Delta current={k.received} previous={k.prevReceived} />
        </div>
        <div className="kpi" data-testid="kpi-resolved">
          <div className="kpi-label">{t('kpi.resolved')}</div>
          <div className="kpi-value">{formatNumber(k.resolved)}</div>
          <Delta current={k.resolved} previous={k.prevResolved} upIsGood />
        </div>
        <div className="kpi" data-testid="kpi-response">
          <div className="kpi-label">{t('kpi.avgResponse')}</div>
          <div className="kpi-value">{durationText(k.avgResponseMin)}</div>
          <Delta current={k.avgResponseMin} previous={k.prevAvgResponseMin} format={formatDuration} />
        </div>
        <div className="kpi" data-testid="kpi-overdue">
          <div className="kpi-label">{t('kpi.overdueShare')}</div>
          <div className="kpi-value">{shareText(k.overdueShare)}</div>
          <Delta current={k.overdueShare} previous={k.prevOverdueShare} format={formatPct} />
        </div>
        <div className="kpi" data-testid="kpi-open">
          <div className="kpi-label">{t('kpi.open')}</div>
          <div className="kpi-value">{formatNumber(k.open)}</div>
        </div>
        <div className="kpi" data-testid="kpi-tension">
          <div className="kpi-label">{t('kpi.tension')}</div>
          <div className="kpi-value">{formatNumber(data.tension.length)}</div>
        </div>
      </div>
      <div className="summary">
        <h3>{t('kpi.summaryTitle')}</h3>
        <ul>{summary.map((line) => <li key={line}>{line}</li>)}</ul>
      </div>
      <div className="kpi-trend">
        <div className="legend">
          {t('dynamics.received')}: <span className="sw bar" /> {t('dynamics.current')} <span className="sw line" /> {t('dynamics.previous')}
        </div>
        <Chart
          labels={data.series.map((p) => bucketLabel(p.t, data.period.bucket, info.timeZone))}
          bars={data.series.map((p) => p.received)}
          line={data.series.map((p) => p.prevReceived)}
          width={1010}
          height={150}
        />
      </div>
    </PageFrame>
  );
}

export function MapPage(props: { index: number; total: number; ctx: PageContext }) {
  const { t } = useTranslation('briefing');
  const { data, info, geo } = props.ctx;
  const names = useNames(info);
  const topLoad = [...data.byMunicipality].sort((a, b) => (b.per10k ?? b.received) - (a.per10k ?? a.received)).slice(0, 6);
  return (
    <PageFrame {...props} title={t('pages.map')}>
      <div className="map-layout">
        <BriefingMap geo={geo} info={info} data={data} width={700} height={600} />
        <aside className="map-side">
          <h3>{t('map.tensionList')}</h3>
          {data.tension.length === 0 ? (
            <p className="muted">{t('map.noTension')}</p>
          ) : (
            <ul className="tension-list">
              {data.tension.slice(0, 6).map((x) => (
                <li key={`${x.municipalityId}-${x.sectorId}`}>
                  {t('map.tensionItem', { municipality: names.municipality(x.municipalityId), sector: names.sector(x.sectorId), count: formatNumber(x.received), prev: formatNumber(x.prevReceived) })}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('map.topLoad')}</h3>
          <ol className="load-list">
            {topLoad.map((r) => (
              <li key={r.id}>
                <span>{names.municipality(r.id)}</span>
                <b>{r.per10k !== null ? formatNumber(r.per10k) : formatNumber(r.received)}</b>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </PageFrame>
  );
}

export function ProblemsPage(props: { index: number; total: number; ctx: PageContext }) {
  const { t } = useTranslation('briefing');
  const { data, info } = props.ctx;
  const names = useNames(info);
  return (
    <PageFrame {...props} title={t('pages.problems')}>
      {data.problems.length === 0 && <p className="muted">{t('problems.empty')}</p>}
      <ol className="problems">
        {data.problems.map((p) => {
          const rel = change(p.received, p.prevReceived);
          const vars = { count: formatNumber(p.received), prev: formatNumber(p.prevReceived), pct: rel === null ? '' : formatPct(rel) };
          const trend = p.prevReceived === 0 ? t('problems.explainNew', vars) : rel === null || Math.abs(rel) < 0.005 ? t('problems.explainSame', vars) : t(rel > 0 ? 'problems.explainUp' : 'problems.explainDown', vars);
          return (
            <li key={p.categoryId} data-testid="problem">
              <div className="problem-head">
                <span className="problem-name">{names.category(p.categoryId)}</span>
                <span className="problem-sector">{names.sector(p.sectorId)}</span>
                <span className="problem-count">{formatNumber(p.received)}</span>
              </div>
              <p>
                {trend}{' '}
                {p.topMunicipalityId && t('problems.where', { municipality: names.municipality(p.topMunicipalityId), count: formatNumber(p.topMunicipalityCount) })}{' '}
                {p.avgResponseMin === null ? t('problems.speedNoAnswer') : t('problems.speed', { duration: formatDuration(p.avgResponseMin), share: shareText(p.overdueShare) })}
              </p>
            </li>
          );
        })}
      </ol>
    </PageFrame>
  );
}

function RankTable({ rows, name, selected, perCapita }: { rows: BriefingRankRow[]; name: (id: string) => string; selected: string | null; perCapita: boolean }) {
  const { t } = useTranslation('briefing');
  let shown = rows.slice(0, TABLE_ROWS);
  const selectedIndex = selected ? rows.findIndex((r) => r.id === selected) : -1;
  if (selectedIndex >= TABLE_ROWS) shown = [...rows.slice(0, TABLE_ROWS - 1), rows[selectedIndex]!];
  return (
    <>
      <table className="rank" data-testid="rank-table">
        <thead>
          <tr>
            <th>{t('table.rank')}</th>
            <th className="left">{t('table.name')}</th>
            <th>{t('table.received')}</th>
            <th>{t('table.change')}</th>
            <th>{t('table.avgResponse')}</th>
            <th>{t('table.overdueShare')}</th>
            {perCapita && <th>{t('table.per10k')}</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const rel = change(r.received, r.prevReceived);
            return (
              <tr key={r.id} className={[r.id === selected ? 'selected' : '', (r.overdueShare ?? 0) > OVERDUE_ALERT ? 'alert' : ''].join(' ')}>
                <td>{rows.indexOf(r) + 1}</td>
                <td className="left">{name(r.id)}</td>
                <td>{formatNumber(r.received)}</td>
                <td className={rel !== null && rel > 0 ? 'up' : ''}>{rel === null ? '—' : `${rel > 0 ? '+' : '−'}${formatPct(rel)}`}</td>
                <td>{durationText(r.avgResponseMin)}</td>
                <td className="share">{shareText(r.overdueShare)}</td>
                {perCapita && <td>{r.per10k === null ? '—' : formatNumber(r.per10k)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="note">
        {t('table.note', { limit: formatPct(OVERDUE_ALERT) })} {rows.length > shown.length ? t('table.more', { count: rows.length - shown.length }) : ''}
      </p>
    </>
  );
}

export function MunicipalitiesPage(props: { index: number; total: number; ctx: PageContext }) {
  const { t } = useTranslation('briefing');
  const names = useNames(props.ctx.info);
  return (
    <PageFrame {...props} title={t('pages.municipalities')}>
      <RankTable rows={props.ctx.data.byMunicipality} name={names.municipality} selected={props.ctx.data.municipalityId} perCapita />
    </PageFrame>
  );
}

export function AgenciesPage(props: { index: number; total: number; ctx: PageContext }) {
  const { t } = useTranslation('briefing');
  const names = useNames(props.ctx.info);
  return (
    <PageFrame {...props} title={t('pages.agencies')}>
      <RankTable rows={props.ctx.data.agencies} name={names.agency} selected={null} perCapita={false} />
    </PageFrame>
  );
}

export function DynamicsPage(props: { index: number; total: number; ctx: PageContext }) {
  const { t } = useTranslation('briefing');
  const { data, info } = props.ctx;
  const labels = data.series.map((p) => bucketLabel(p.t, data.period.bucket, info.timeZone));
  const hours = (v: number) => formatNumber(Math.round(v * 10) / 10);
  return (
    <PageFrame {...props} title={t('pages.dynamics')}>
      <div className="dyn">
        <div className="dyn-main">
          <h3>{t('dynamics.received')}</h3>
          <div className="legend">
            <span className="sw bar" /> {t('dynamics.current')} <span className="sw line" /> {t('dynamics.previous')}
          </div>
          <Chart testId="chart-received" labels={labels} bars={data.series.map((p) => p.received)} line={data.series.map((p) => p.prevReceived)} width={1010} height={300} />
        </div>
        <div className="dyn-row">
          <div>
            <h3>{t('dynamics.response')}</h3>
            <Chart testId="chart-response" labels={labels} bars={data.series.map((p) => (p.avgResponseMin === null ? null : p.avgResponseMin / 60))} width={495} height={210} barColor="#0d9488" format={hours} />
          </div>
          <div>
            <h3>{t('dynamics.overdue')}</h3>
            <Chart testId="chart-overdue" labels={labels} bars={data.series.map((p) => (p.overdueShare === null ? null : p.overdueShare * 100))} width={495} height={210} barColor="#dc2626" format={hours} />
          </div>
        </div>
      </div>
    </PageFrame>
  );
}

export function ExamplesPage(props: { index: number; total: number; ctx: PageContext }) {
  const { t } = useTranslation('briefing');
  const { data, info } = props.ctx;
  const names = useNames(info);
  const date = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: info.timeZone });
  return (
    <PageFrame {...props} title={t('pages.examples')}>
      {data.examples.length === 0 && <p className="muted">{t('examples.empty')}</p>}
      <div className="examples">
        {data.examples.map((e, i) => (
          <article key={i} className="example" data-testid="example">
            <div className="example-head">
              <b>{names.category(e.categoryId)}</b>
              <span>{names.municipality(e.municipalityId)} · {date.format(e.receivedAt)}</span>
            </div>
            <blockquote>«{e.text}»</blockquote>
            {e.resolvedInMin !== null && <div className="example-foot">{t('examples.resolvedIn', { duration: formatDuration(e.resolvedInMin) })}</div>}
          </article>
        ))}
      </div>
      <p className="note">{t('examples.note')}</p>
    </PageFrame>
  );
}

export const PAGES = [KpiPage, MapPage, ProblemsPage, MunicipalitiesPage, AgenciesPage, DynamicsPage, ExamplesPage];
