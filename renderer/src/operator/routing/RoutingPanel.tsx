import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContract } from '../../common/useContract';
import { client, useUser } from '../session';
import { useLookup } from '../useReference';

/** Routing rules (category × municipality → body): data per region, edited by a supervisor. */
export function RoutingPanel() {
  const { t } = useTranslation('operator');
  const user = useUser();
  const lookup = useLookup();
  const rules = useContract(client, 'routing:list', {}, ['db:changed']);
  const [draft, setDraft] = useState({ categoryId: '', municipalityId: '', agencyId: '' });
  const editable = user.role === 'supervisor';
  return (
    <section className="routing" data-testid="routing">
      <h2>{t('routing.title')}</h2>
      {!editable && <p className="muted">{t('routing.onlySupervisor')}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('routing.category')}</th>
            <th>{t('routing.municipality')}</th>
            <th>{t('routing.agency')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.data?.map((r) => (
            <tr key={r.id} data-testid="routing-rule">
              <td>{r.categoryId ? lookup.category.get(r.categoryId)?.name : t('routing.any')}</td>
              <td>{r.municipalityId ? lookup.municipality.get(r.municipalityId) : t('routing.any')}</td>
              <td>{lookup.agency.get(r.agencyId) ?? r.agencyId}</td>
              <td>{editable && <button type="button" className="link" onClick={() => void client.invoke('routing:delete', { id: r.id })}>{t('routing.remove')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {editable && (
        <form
          className="routing-add"
          onSubmit={(e) => {
            e.preventDefault();
            if (!draft.agencyId) return;
            void client.invoke('routing:save', { categoryId: draft.categoryId || null, municipalityId: draft.municipalityId || null, agencyId: draft.agencyId });
          }}
        >
          <select value={draft.categoryId} onChange={(e) => setDraft({ ...draft, categoryId: e.target.value })} aria-label={t('routing.category')}>
            <option value="">{t('routing.any')}</option>
            {lookup.ref.categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          <select value={draft.municipalityId} onChange={(e) => setDraft({ ...draft, municipalityId: e.target.value })} aria-label={t('routing.municipality')}>
            <option value="">{t('routing.any')}</option>
            {lookup.ref.municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
          <select value={draft.agencyId} onChange={(e) => setDraft({ ...draft, agencyId: e.target.value })} aria-label={t('routing.agency')}>
            <option value="">—</option>
            {lookup.ref.agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
          <button type="submit">{t('routing.add')}</button>
        </form>
      )}
    </section>
  );
}
