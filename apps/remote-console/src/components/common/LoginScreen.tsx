import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { unlockAudio } from '../../lib/beep.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { Message } from './Message.tsx';

/** Sign-in form; wrong credentials and expired sign-ins are explained in plain words. */
export function LoginScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const { loginError, pending } = useConsoleState();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Single sign-on, when the deployment configured it; a failed one comes back as `#sso-error=<code>`.
  const [sso, setSso] = useState<{ name: string } | null>(null);
  const [ssoError] = useState(() => /[#&]sso-error=([a-z_]+)/.exec(window.location.hash)?.[1] ?? null);
  useEffect(() => {
    if (window.location.hash.includes('sso-error=')) window.history.replaceState(null, '', window.location.pathname);
    let live = true;
    void client.authProviders().then((p) => {
      if (live && p) setSso(p.oidc);
    });
    return () => {
      live = false;
    };
  }, [client]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    unlockAudio();
    void client.login(username, password);
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitcher tone="light" />
      </div>
      <main className="login-card" aria-labelledby="login-title">
        <p className="login-office">{t('app.office')}</p>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="login-intro">{t('login.intro')}</p>
        <form onSubmit={submit} noValidate aria-describedby={loginError ? 'login-error' : undefined}>
          {loginError && (
            <p id="login-error" className="form-error" role="alert">
              <Message message={loginError} />
            </p>
          )}
          <div className="field">
            <label htmlFor="login-username">{t('login.username')}</label>
            <input
              id="login-username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              value={username}
              aria-invalid={loginError?.key === 'login.errors.invalid' || undefined}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              aria-invalid={loginError?.key === 'login.errors.invalid' || undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="btn btn--primary btn--block" disabled={pending.login} aria-busy={pending.login}>
            {t('login.submit')}
          </button>
          {pending.login && (
            <p className="form-hint" role="status">
              {t('login.signingIn')}
            </p>
          )}
        </form>
        {ssoError && (
          <p className="form-error" role="alert">
            {t(ssoError === 'forbidden' ? 'login.errors.ssoNoRole' : 'login.errors.sso')}
          </p>
        )}
        {sso && (
          <a className="btn btn--block" href="/api/auth/oidc/start">
            {t('login.sso', { name: sso.name })}
          </a>
        )}
      </main>
    </div>
  );
}
