// The shell: sign-in until there is a session, then the navigation and one view at a time.
import { useCallback, useEffect, useState } from 'react';
import { ME } from './api/operations/officer.js';
import { transport } from './api/transport.js';
import { useQuery } from './api/use-query.js';
import { LanguagePicker } from './components/language-picker.js';
import { Loading } from './components/states.js';
import { useT } from './i18n/index.js';
import { hrefFor, type Route, useRoute } from './router.js';
import { onSessionExpired } from './session.js';
import { AuditExplorerView } from './views/audit-explorer.js';
import { DashboardView } from './views/dashboard.js';
import { OrganisationsView } from './views/organisations.js';
import { PurposeDetailView } from './views/purpose-detail.js';
import { PurposeNewView } from './views/purpose-new.js';
import { PurposesView } from './views/purposes.js';
import { RecordsOfProcessingView } from './views/records-of-processing.js';
import { ResidentLookupView } from './views/resident-lookup.js';
import { SignInView } from './views/sign-in.js';

type SessionState = { phase: 'checking' } | { phase: 'signed-out'; server: string | null } | { phase: 'signed-in' };

export function App() {
  const [session, setSession] = useState<SessionState>({ phase: 'checking' });
  const check = useCallback(() => {
    transport.status().then(
      (status) => setSession(status.signedIn ? { phase: 'signed-in' } : { phase: 'signed-out', server: status.server }),
      () => setSession({ phase: 'signed-out', server: null }),
    );
  }, []);
  useEffect(check, [check]);
  useEffect(() => onSessionExpired(() => setSession({ phase: 'signed-out', server: null })), []);

  if (session.phase === 'checking') return <Loading />;
  if (session.phase === 'signed-out') {
    return <SignInView initialServer={session.server} onSignedIn={() => setSession({ phase: 'signed-in' })} />;
  }
  return (
    <Shell
      onSignOut={async () => {
        await transport.signOut();
        check();
      }}
    />
  );
}

const NAV: { route: Route; key: string }[] = [
  { route: { view: 'dashboard' }, key: 'nav.dashboard' },
  { route: { view: 'purposes' }, key: 'nav.purposes' },
  { route: { view: 'organisations' }, key: 'nav.organisations' },
  { route: { view: 'audit' }, key: 'nav.audit' },
  { route: { view: 'residents' }, key: 'nav.residents' },
  { route: { view: 'records' }, key: 'nav.records' },
];

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useT();
  const route = useRoute();
  const me = useQuery(ME, {});
  const section = route.view === 'purpose' || route.view === 'purpose-new' ? 'purposes' : route.view;

  // The hash holds the route, so the skip link is a button that moves focus rather than an
  // in-page anchor that would change the hash.
  function skipToContent() {
    document.getElementById('main-content')?.focus();
  }

  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={skipToContent}>
        {t('app.skipToContent')}
      </button>
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        <LanguagePicker />
        <span className="who">
          {me.status === 'ready' ? `${me.data.me.name} (${me.data.me.roles.join(', ')})` : ''}
        </span>
        <button type="button" onClick={onSignOut}>
          {t('app.signOut')}
        </button>
      </header>
      <nav aria-label={t('nav.label')} className="side-nav">
        <ul>
          {NAV.map((item) => (
            <li key={item.key}>
              <a href={hrefFor(item.route)} aria-current={item.route.view === section ? 'page' : undefined}>
                {t(item.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main-content" tabIndex={-1}>
        <CurrentView route={route} />
      </main>
    </div>
  );
}

function CurrentView({ route }: { route: Route }) {
  switch (route.view) {
    case 'dashboard':
      return <DashboardView />;
    case 'purposes':
      return <PurposesView />;
    case 'purpose':
      return <PurposeDetailView key={route.slug} slug={route.slug} />;
    case 'purpose-new':
      return <PurposeNewView />;
    case 'organisations':
      return <OrganisationsView />;
    case 'audit':
      return <AuditExplorerView key={route.residentId ?? ''} residentId={route.residentId} />;
    case 'residents':
      return <ResidentLookupView />;
    case 'records':
      return <RecordsOfProcessingView />;
  }
}
