// Server address (desktop only: the web app talks to the server that served it) and the
// officer's e-mail and password.
import { type FormEvent, useEffect, useState } from 'react';
import { transport } from '../api/transport.js';
import { LanguagePicker } from '../components/language-picker.js';
import { useT } from '../i18n/index.js';

export function SignInView({ initialServer, onSignedIn }: { initialServer: string | null; onSignedIn: () => void }) {
  const { t } = useT();
  const [server, setServer] = useState(initialServer ?? 'http://localhost:4000');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('signIn.title')} – Lupa`;
  }, [t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await transport.signIn({ server, email, password });
    setBusy(false);
    if (result.ok) onSignedIn();
    else setFailure(t(`signIn.failure.${result.reason}`, { defaultValue: t('signIn.failure.generic') }));
  }

  return (
    <main className="sign-in" id="main-content">
      <div className="sign-in-top">
        <LanguagePicker />
      </div>
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit} aria-describedby={failure ? 'sign-in-failure' : undefined}>
        {transport.choosesServer ? (
          <div className="field">
            <label htmlFor="server">{t('signIn.server')}</label>
            <input id="server" type="url" required value={server} onChange={(e) => setServer(e.target.value)} />
          </div>
        ) : (
          <p className="server-note">
            {t('signIn.serverIs')} <strong>{window.location.origin}</strong>
          </p>
        )}
        <div className="field">
          <label htmlFor="email">{t('signIn.email')}</label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t('signIn.password')}</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {failure && (
          <p id="sign-in-failure" className="state error" role="alert">
            {failure}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
