import type { SessionUser } from '@shared/api/operator';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, saveToken } from '../session';

/** Through the host a person signs in; the session token lives in this tab only (sessionStorage). */
export function LoginScreen({ onLogin }: { onLogin: (user: SessionUser) => void }) {
  const { t } = useTranslation('operator');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <main className="login">
      <form
        data-testid="login-form"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          client.invoke('auth:login', { login, password }).then(
            (result) => {
              saveToken(result.token);
              onLogin(result.user);
            },
            () => {
              setFailed(true);
              setBusy(false);
            },
          );
        }}
      >
        <h1>{t('login.title')}</h1>
        <label className="field">
          <span>{t('login.login')}</span>
          <input autoFocus autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} data-testid="login-name" />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        </label>
        {failed && (
          <p role="alert" data-testid="login-error">
            {t('login.failed')}
          </p>
        )}
        <button type="submit" disabled={busy || !login || !password} data-testid="login-submit">
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
