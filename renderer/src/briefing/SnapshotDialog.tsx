import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import { formatNumber } from '../i18n/format';

export function SnapshotDialog({ client, onClose }: { client: ApiClient; onClose: () => void }) {
  const { t } = useTranslation('briefing');
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'working' | 'done' | 'error'; text?: string }>({ kind: 'idle' });
  const problem = pass.length > 0 && pass.length < 8 ? t('snapshot.tooShort') : repeat.length > 0 && repeat !== pass ? t('snapshot.mismatch') : null;

  const create = () => {
    setState({ kind: 'working' });
    client.invoke('briefing:snapshot', { passphrase: pass }).then(
      (r) => setState({ kind: 'done', text: t('snapshot.done', { file: r.file, size: `${formatNumber(Math.round(r.bytes / 1024))} КБ` }) }),
      (err: Error) => setState({ kind: 'error', text: err.message }),
    );
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" data-testid="snapshot-dialog">
        <h3>{t('snapshot.title')}</h3>
        <p>{t('snapshot.explain')}</p>
        <label>{t('snapshot.passphrase')}<input type="password" data-testid="snapshot-pass" value={pass} onChange={(e) => setPass(e.target.value)} autoFocus /></label>
        <label>{t('snapshot.repeat')}<input type="password" data-testid="snapshot-repeat" value={repeat} onChange={(e) => setRepeat(e.target.value)} /></label>
        {problem && <p className="dialog-problem">{problem}</p>}
        {state.kind === 'working' && <p>{t('snapshot.working')}</p>}
        {state.text && <p data-testid="snapshot-result" className={state.kind === 'error' ? 'dialog-problem' : ''}>{state.text}</p>}
        <div className="dialog-buttons">
          <button type="button" data-testid="snapshot-create" disabled={pass.length < 8 || pass !== repeat || state.kind === 'working'} onClick={create}>{t('snapshot.create')}</button>
          <button type="button" onClick={onClose}>{t('snapshot.cancel')}</button>
        </div>
      </div>
    </div>
  );
}
