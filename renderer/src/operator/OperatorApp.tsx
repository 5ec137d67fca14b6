import type { SessionUser } from '@shared/api/operator';
import { type ComponentType, lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import { setAppState } from '../common/appState';
import { useContract } from '../common/useContract';
import { AnalyticsView } from '../analytics';
import { AppealCardPanel } from './card/AppealCard';
import { FilterBar } from './filters/FilterBar';
import { Sidebar } from './filters/Sidebar';
import { LoginScreen } from './login/LoginScreen';
import { useAcuteNotifications } from './notifications/useAcuteNotifications';
import { QueueList } from './queue/QueueList';
import { RoutingPanel } from './routing/RoutingPanel';
import { canWrite, client, savedToken, saveToken, UserContext, useUser } from './session';
import { HelpOverlay } from './shortcuts/HelpOverlay';
import { useShortcuts } from './shortcuts/useShortcuts';
import { useUi } from './store';
import { ReferenceContext, useBuildLookup } from './useReference';
import { formatNumber } from '../i18n/format';
import './operator.css';

// The sync engineer's panel, mounted when it is part of the build (the glob is empty otherwise).
const sourcesModule = Object.values(
  import.meta.glob<{ SourcesPanel: ComponentType<{ client: ApiClient }> }>('./sources/SourcesPanel.tsx'),
)[0];
const SourcesPanel = sourcesModule ? lazy(() => sourcesModule().then((m) => ({ default: m.SourcesPanel }))) : null;

function Workstation({ onLogout, loginRequired }: { onLogout: () => void; loginRequired: boolean }) {
  const { t } = useTranslation('operator');
  const user = useUser();
  const reference = useContract(client, 'reference:get', {}, []);
  const sources = useContract(client, 'sync:status', {}, ['sync:status']);
  const lookup = useBuildLookup(reference.data, sources.data);
  const tab = useUi((s) => s.tab);
  const setTab = useUi((s) => s.setTab);
  const [total, setTotal] = useState<number | null>(null);
  const [capped, setCapped] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (lookup) setAppState('ready');
    else if (reference.error) setAppState('error');
  }, [lookup, reference.error]);

  const shortcutOptions = useMemo(
    () => ({
      writable: canWrite(user),
      focusSearch: () => searchRef.current?.focus(),
      escalate: () => document.querySelector<HTMLButtonElement>('[data-testid="action-escalate"]')?.click(),
      wall: () => document.querySelector<HTMLButtonElement>('[data-testid="action-wall"]')?.click(),
    }),
    [user],
  );
  useShortcuts(shortcutOptions);
  const onTotal = useCallback((n: number | null, more: boolean) => {
    setTotal(n);
    setCapped(more);
  }, []);

  if (!lookup) return <p className="muted">{reference.error ? t('common:error', { message: reference.error.message }) : t('common:loading')}</p>;
  return (
    <ReferenceContext.Provider value={lookup}>
      <Notifier />
      <div className="operator">
        <header className="top">
          <h1>{t('title')}</h1>
          <nav className="tabs">
            {(['queue', 'analytics', 'routing', ...(SourcesPanel ? ['sources'] : [])] as const).map((name) => (
              <button key={name} type="button" className={tab === name ? 'active' : ''} onClick={() => setTab(name as typeof tab)} data-testid={`tab-${name}`}>
                {t(`tabs.${name}`)}
              </button>
            ))}
          </nav>
          <span className="total">
            {t('queue.found')}{' '}
            <strong data-testid="queue-total">{total === null ? '…' : capped ? t('queue.more', { count: formatNumber(total) }) : formatNumber(total)}</strong>
          </span>
          <span className="user" data-testid="user">
            {user.name} · {t(`roles.${user.role}`)}
          </span>
          {typeof Notification !== 'undefined' && Notification.permission === 'default' && (
            <button type="button" className="link" onClick={() => void Notification.requestPermission()}>
              {t('notify.permission')}
            </button>
          )}
          <button type="button" className="link" onClick={() => useUi.getState().toggleHelp(true)} aria-label={t('help.title')}>
            ?
          </button>
          {loginRequired && (
            <button type="button" className="link" onClick={onLogout} data-testid="logout">
              {t('login.logout')}
            </button>
          )}
        </header>
        {tab === 'queue' && (
          <div className="workspace">
            <Sidebar total={total} />
            <section className="queue-pane">
              <FilterBar searchRef={searchRef} />
              <QueueList onTotal={onTotal} />
            </section>
            <section className="card-pane">
              <AppealCardPanel />
            </section>
          </div>
        )}
        {tab === 'analytics' && (
          <section className="analytics-pane">
            <AnalyticsView client={client} />
          </section>
        )}
        {tab === 'routing' && <RoutingPanel />}
        {tab === 'sources' && SourcesPanel && (
          <Suspense fallback={<p className="muted">{t('common:loading')}</p>}>
            <SourcesPanel client={client} />
          </Suspense>
        )}
        <HelpOverlay />
      </div>
    </ReferenceContext.Provider>
  );
}

function Notifier() {
  const select = useUi((s) => s.select);
  useAcuteNotifications(select);
  return null;
}

/** Signs in (through the host) or takes the local user (Electron), then shows the workstation. */
export function OperatorApp() {
  const { t } = useTranslation('operator');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loginRequired, setLoginRequired] = useState(false);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const start = async () => {
      const session = await client.invoke('auth:session', {});
      if (session.user || !session.loginRequired) return { user: session.user, loginRequired: session.loginRequired };
      const token = savedToken();
      if (token) {
        try {
          return { user: (await client.invoke('auth:resume', { token })).user, loginRequired: true };
        } catch {
          saveToken(null);
        }
      }
      return { user: null, loginRequired: true };
    };
    start().then(
      (s) => {
        if (cancelled) return;
        setUser(s.user);
        setLoginRequired(s.loginRequired);
        setChecked(true);
      },
      () => !cancelled && setAppState('error'),
    );
    // A reconnected WebSocket is a new connection: sign it in again with the saved token.
    const off = client.onConnection((connected) => {
      const token = savedToken();
      if (connected && token) void client.invoke('auth:resume', { token }).catch(() => undefined);
    });
    return () => {
      cancelled = true;
      off();
    };
  }, []);

  useEffect(() => {
    if (checked && !user) setAppState('ready');
  }, [checked, user]);

  if (!checked) return <p className="muted">{t('common:loading')}</p>;
  if (!user) return <LoginScreen onLogin={setUser} />;
  return (
    <UserContext.Provider value={user}>
      <Workstation
        loginRequired={loginRequired}
        onLogout={() => {
          void client.invoke('auth:logout', {}).finally(() => {
            saveToken(null);
            setUser(null);
          });
        }}
      />
    </UserContext.Provider>
  );
}
