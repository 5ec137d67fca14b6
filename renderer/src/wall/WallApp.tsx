import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { getClient } from '../api/client';
import { setAppState } from '../common/appState';
import { useContract } from '../common/useContract';
import { formatNumber } from '../i18n/format';

const client = getClient('wall');

export function WallApp() {
  const { t } = useTranslation();
  const summary = useContract(client, 'wall:summary', {}, ['db:changed']);
  useEffect(() => {
    if (summary.data) setAppState('ready');
  }, [summary.data]);
  return (
    <div>
      <h1>{t('wall:title')}</h1>
      <div data-testid="counter-today">{summary.data ? formatNumber(summary.data.today) : '…'}</div>
    </div>
  );
}
