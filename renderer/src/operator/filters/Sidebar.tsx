import { QUICK_VIEWS, type QuickView, type SavedFilter } from '@shared/api/operator';
import { OPEN_STATUSES } from '@shared/domain';
import { type AppealFilter, COUNT_CAP } from '@shared/api/appeals';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContract } from '../../common/useContract';
import { formatNumber } from '../../i18n/format';
import { client } from '../session';
import { useUi } from '../store';

export const VIEW_FILTERS: Record<QuickView | 'all', AppealFilter> = {
  all: {},
  open: { statuses: [...OPEN_STATUSES] },
  new: { statuses: ['new'] },
  overdue: { overdue: true },
  due2h: { dueWithinHours: 2 },
  // Everything the governor's office controls, answered or not: the flag is the point.
  escalated: { escalated: true },
};
/** A count at the core's cap means "at least this many". */
const formatCount = (n: number, t: (key: string, options: { count: string }) => string) =>
  n > COUNT_CAP ? t('queue.more', { count: formatNumber(COUNT_CAP) }) : formatNumber(n);

export const VIEW_ORDER: (QuickView | 'all')[] = ['all', ...QUICK_VIEWS];

/** Quick views with live counts (scoped to the user's sectors by the core) and the saved filters. */
export function Sidebar({ total }: { total: number | null }) {
  const { t } = useTranslation('operator');
  const view = useUi((s) => s.view);
  const filter = useUi((s) => s.filter);
  const sort = useUi((s) => s.sort);
  const replaceFilter = useUi((s) => s.replaceFilter);
  const counts = useContract(client, 'appeals:counts', { views: [...QUICK_VIEWS] }, ['db:changed'], 1000);
  const [version, setVersion] = useState(0);
  const [saved, setSaved] = useState<SavedFilter[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    void client.invoke('filters:list', {}).then((list) => !cancelled && setSaved(list));
    return () => {
      cancelled = true;
    };
  }, [version]);
  const [name, setName] = useState('');

  const save = async () => {
    if (!name.trim()) return;
    await client.invoke('filters:save', { name: name.trim(), filter, sort });
    setName('');
    setVersion((v) => v + 1);
  };

  return (
    <aside className="sidebar">
      <h2>{t('views.title')}</h2>
      <ul className="views">
        {VIEW_ORDER.map((v, i) => (
          <li key={v}>
            <button type="button" className={view === v ? 'active' : ''} data-testid={`view-${v}`} onClick={() => replaceFilter(VIEW_FILTERS[v], undefined, v)}>
              <span className="key">{i + 1}</span>
              <span className="name">{t(`views.${v}`)}</span>
              <span className="count" data-testid={`view-count-${v}`}>
                {v === 'all' ? (view === 'all' && total !== null ? formatNumber(total) : '') : counts.data ? formatCount(counts.data.views[v] ?? 0, t) : '…'}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <h2>{t('saved.title')}</h2>
      <ul className="saved" data-testid="saved-filters">
        {saved?.length === 0 && <li className="muted">{t('saved.empty')}</li>}
        {saved?.map((f) => (
          <li key={f.id}>
            <button type="button" data-testid="saved-filter" onClick={() => replaceFilter(f.filter, f.sort)}>
              {f.name}
            </button>
            <button
              type="button"
              className="link"
              aria-label={t('saved.remove', { name: f.name })}
              onClick={() => void client.invoke('filters:delete', { id: f.id }).then(() => setVersion((v) => v + 1))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="save-filter"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('saved.name')} aria-label={t('saved.name')} data-testid="save-filter-name" />
        <button type="submit" data-testid="save-filter">
          {t('saved.save')}
        </button>
      </form>
    </aside>
  );
}
