import type { AppealFilter, AppealSort } from '@shared/api/appeals';
import type { QuickView } from '@shared/api/operator';
import { create } from 'zustand';

/** A dialog the operator has open on the current appeal; one at a time, keyboard-reachable. */
export type Dialog = 'assign' | 'status' | 'answer' | 'duplicate' | null;
export type Tab = 'queue' | 'analytics' | 'routing' | 'sources';

/** UI state only: the server's data is fetched through the contract, never kept here. */
export interface OperatorUi {
  filter: AppealFilter;
  sort: AppealSort;
  view: QuickView | 'all';
  selectedId: number | null;
  /** Index of the operator's row in the current query's order (-1: none). */
  cursor: number;
  total: number;
  dialog: Dialog;
  help: boolean;
  tab: Tab;
  setFilter(patch: Partial<AppealFilter>): void;
  replaceFilter(filter: AppealFilter, sort?: AppealSort, view?: QuickView | 'all'): void;
  setSort(sort: AppealSort): void;
  select(id: number | null): void;
  setCursor(index: number): void;
  move(delta: number): void;
  setTotal(total: number): void;
  openDialog(dialog: Dialog): void;
  toggleHelp(open?: boolean): void;
  setTab(tab: Tab): void;
}

/** Drops keys whose value is empty, so that the filter's JSON (the query key) stays canonical. */
function clean(filter: AppealFilter): AppealFilter {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out as AppealFilter;
}

export const useUi = create<OperatorUi>((set) => ({
  filter: {},
  sort: 'received',
  view: 'all',
  selectedId: null,
  cursor: -1,
  total: 0,
  dialog: null,
  help: false,
  tab: 'queue',
  // A new filter or order starts at the top: the old row index means nothing there.
  setFilter: (patch) => set((s) => ({ filter: clean({ ...s.filter, ...patch }), view: 'all', cursor: -1 })),
  replaceFilter: (filter, sort, view = 'all') => set((s) => ({ filter: clean(filter), sort: sort ?? s.sort, view, cursor: -1 })),
  setSort: (sort) => set({ sort, cursor: -1 }),
  select: (selectedId) => set({ selectedId }),
  setCursor: (cursor) => set({ cursor }),
  move: (delta) => set((s) => ({ cursor: Math.max(0, Math.min(s.total - 1, s.cursor + delta)) })),
  setTotal: (total) => set({ total }),
  openDialog: (dialog) => set({ dialog }),
  toggleHelp: (open) => set((s) => ({ help: open ?? !s.help })),
  setTab: (tab) => set({ tab }),
}));
