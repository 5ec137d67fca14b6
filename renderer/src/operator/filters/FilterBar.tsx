import type { AppealFilter } from '@shared/api/appeals';
import { APPEAL_STATUSES } from '@shared/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../store';
import { useLookup } from '../useReference';

type ListKey = 'sourceIds' | 'sectorIds' | 'categoryIds' | 'municipalityIds' | 'agencyIds';

function Select({ label, value, options, onChange, testId }: { label: string; value: string; options: [string, string][]; onChange: (v: string) => void; testId: string }) {
  const { t } = useTranslation('operator');
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{t('filter.any')}</option>
        {options.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

const toDay = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10));
const fromDay = (day: string, endOfDay: boolean) => (day ? Date.parse(`${day}T00:00:00`) + (endOfDay ? 86_400_000 : 0) : undefined);

/** Every filter of the queue; one value per list keeps the bar compact (saved filters may hold more). */
export function FilterBar({ searchRef }: { searchRef: React.RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation('operator');
  const lookup = useLookup();
  const filter = useUi((s) => s.filter);
  const sort = useUi((s) => s.sort);
  const setFilter = useUi((s) => s.setFilter);
  const setSort = useUi((s) => s.setSort);
  const replaceFilter = useUi((s) => s.replaceFilter);
  const [search, setSearch] = useState(filter.search ?? '');
  const [typing, setTyping] = useState(false);

  // Typing is debounced; a filter set from elsewhere (a saved filter, a view) replaces the text.
  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => {
      setTyping(false);
      setFilter({ search: search.trim() || undefined });
    }, 250);
    return () => clearTimeout(timer);
  }, [search, typing, setFilter]);
  const external = filter.search ?? '';
  const [lastExternal, setLastExternal] = useState(external);
  if (external !== lastExternal) {
    setLastExternal(external);
    if (!typing) setSearch(external);
  }

  const one = (key: ListKey) => filter[key]?.[0] ?? '';
  const setOne = (key: ListKey) => (v: string) => setFilter({ [key]: v ? [v] : undefined } as Partial<AppealFilter>);
  const { ref } = lookup;

  return (
    <div className="filter-bar" data-testid="filter-bar">
      <input
        ref={searchRef}
        className="search"
        type="search"
        placeholder={t('filter.search')}
        aria-label={t('filter.search')}
        value={search}
        data-testid="search"
        onChange={(e) => {
          setTyping(true);
          setSearch(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            setTyping(false);
            setFilter({ search: search.trim() || undefined });
            (e.target as HTMLInputElement).blur();
          }
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
        }}
      />
      <Select label={t('filter.source')} testId="filter-source" value={one('sourceIds')} onChange={setOne('sourceIds')} options={[...lookup.source]} />
      <Select label={t('filter.sector')} testId="filter-sector" value={one('sectorIds')} onChange={setOne('sectorIds')} options={ref.sectors.map((s) => [s.id, s.name])} />
      <Select label={t('filter.category')} testId="filter-category" value={one('categoryIds')} onChange={setOne('categoryIds')} options={ref.categories.map((c) => [c.id, c.name])} />
      <Select
        label={t('filter.municipality')}
        testId="filter-municipality"
        value={one('municipalityIds')}
        onChange={setOne('municipalityIds')}
        options={ref.municipalities.map((m) => [m.id, m.name])}
      />
      <Select label={t('filter.agency')} testId="filter-agency" value={one('agencyIds')} onChange={setOne('agencyIds')} options={ref.agencies.map((a) => [a.id, a.name])} />
      <Select
        label={t('filter.status')}
        testId="filter-status"
        value={filter.statuses?.[0] ?? ''}
        onChange={(v) => setFilter({ statuses: v ? [v as (typeof APPEAL_STATUSES)[number]] : undefined })}
        options={APPEAL_STATUSES.map((s) => [s, t(`common:status.${s}`)])}
      />
      <label className="check">
        <input type="checkbox" checked={filter.escalated === true} data-testid="filter-escalated" onChange={(e) => setFilter({ escalated: e.target.checked || undefined })} />
        {t('filter.escalated')}
      </label>
      <label className="check">
        <input type="checkbox" checked={filter.overdue === true} data-testid="filter-overdue" onChange={(e) => setFilter({ overdue: e.target.checked || undefined })} />
        {t('filter.overdue')}
      </label>
      <label className="field narrow">
        <span>{t('filter.dueWithin')}</span>
        <input
          type="number"
          min={1}
          max={720}
          value={filter.dueWithinHours ?? ''}
          data-testid="filter-due"
          onChange={(e) => setFilter({ dueWithinHours: e.target.value ? Number(e.target.value) : undefined })}
        />
      </label>
      <label className="field">
        <span>{t('filter.from')}</span>
        <input type="date" value={toDay(filter.receivedFrom)} data-testid="filter-from" onChange={(e) => setFilter({ receivedFrom: fromDay(e.target.value, false) })} />
      </label>
      <label className="field">
        <span>{t('filter.to')}</span>
        <input type="date" value={toDay(filter.receivedTo === undefined ? undefined : filter.receivedTo - 86_400_000)} data-testid="filter-to" onChange={(e) => setFilter({ receivedTo: fromDay(e.target.value, true) })} />
      </label>
      <label className="field">
        <span>{t('filter.sort')}</span>
        <select value={sort} onChange={(e) => setSort(e.target.value as typeof sort)} data-testid="sort">
          <option value="received">{t('filter.sortReceived')}</option>
          <option value="deadline">{t('filter.sortDeadline')}</option>
          <option value="priority">{t('filter.sortPriority')}</option>
        </select>
      </label>
      <button type="button" className="link" onClick={() => replaceFilter({})} data-testid="filter-reset">
        {t('filter.reset')}
      </button>
    </div>
  );
}
