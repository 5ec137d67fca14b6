import { useTranslation } from 'react-i18next';
import { useUi } from '../store';

const KEYS = ['move', 'open', 'search', 'assign', 'status', 'answer', 'escalate', 'duplicate', 'wall', 'views', 'help', 'escape'] as const;

export function HelpOverlay() {
  const { t } = useTranslation('operator');
  const open = useUi((s) => s.help);
  const toggle = useUi((s) => s.toggleHelp);
  if (!open) return null;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t('help.title')} data-testid="help" onClick={() => toggle(false)}>
      <div className="help" onClick={(e) => e.stopPropagation()}>
        <h2>{t('help.title')}</h2>
        <ul>
          {KEYS.map((k) => (
            <li key={k}>{t(`help.keys.${k}`)}</li>
          ))}
        </ul>
        <button type="button" onClick={() => toggle(false)}>
          {t('help.close')}
        </button>
      </div>
    </div>
  );
}
