import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import { useContract } from '../common/useContract';
import { formatNumber } from '../i18n/format';
import { ANALYTICS_NS } from './i18n';

/** Tension points with their plain-Russian explanations, most surprising first. */
export function TensionList({ client }: { client: ApiClient }) {
  const { t } = useTranslation(ANALYTICS_NS);
  const { data } = useContract(client, 'analytics:tension', {}, ['db:changed'], 15_000);
  return (
    <section data-testid="tension-list">
      <h3>{t('tension.title')}</h3>
      {!data ? (
        <div>{t('loading')}</div>
      ) : data.points.length === 0 ? (
        <div>{t('tension.none')}</div>
      ) : (
        <ol style={{ paddingLeft: 20, margin: 0 }}>
          {data.points.map((p, i) => (
            <li key={i} data-testid="tension-point" data-kind={p.kind} style={{ marginBottom: 6 }}>
              <strong>{formatNumber(p.count)}</strong> — {p.explanation}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
