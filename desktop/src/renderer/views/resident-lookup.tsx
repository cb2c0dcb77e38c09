// Looking a resident up needs a stated reason; the lookup and the reason are audited by
// the API before any data comes back. Shows the resident, their consents with history and
// who read their data.
import { type FormEvent, useState } from 'react';
import { RequestFailed, runOperation } from '../api/client.js';
import { RESIDENT_LOOKUP } from '../api/operations/residents.js';
import { Page } from '../components/page.js';
import { Empty, ErrorNotice, Loading } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { hrefFor } from '../router.js';
import { ResidentDetails } from './resident-details.js';

type LookupState =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'failed'; error: Error }
  | { phase: 'not-found' }
  | { phase: 'found'; data: NonNullable<Awaited<ReturnType<typeof lookup>>> };

async function lookup(code: string, residentId: string, reason: string) {
  const result = await runOperation(RESIDENT_LOOKUP, {
    reason,
    personalIdentityCode: code.trim() || null,
    residentId: residentId.trim() || null,
  });
  return result.residentLookup;
}

export function ResidentLookupView() {
  const { t } = useT();
  const [code, setCode] = useState('');
  const [residentId, setResidentId] = useState('');
  const [reason, setReason] = useState('');
  const [state, setState] = useState<LookupState>({ phase: 'idle' });
  const [missingKey, setMissingKey] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!code.trim() && !residentId.trim()) {
      setMissingKey(true);
      return;
    }
    setMissingKey(false);
    setState({ phase: 'loading' });
    try {
      const data = await lookup(code, residentId, reason);
      setState(data ? { phase: 'found', data } : { phase: 'not-found' });
    } catch (error) {
      setState({ phase: 'failed', error: error instanceof Error ? error : new RequestFailed(String(error), 'ERROR') });
    }
  }

  return (
    <Page title={t('lookup.title')}>
      <p>{t('lookup.intro')}</p>
      <form onSubmit={submit} className="lookup-form">
        <div className="field">
          <label htmlFor="lookup-code">{t('lookup.code')}</label>
          <input
            id="lookup-code"
            value={code}
            autoComplete="off"
            aria-describedby="lookup-code-hint"
            onChange={(e) => setCode(e.target.value)}
          />
          <p id="lookup-code-hint" className="hint">
            {t('lookup.codeHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="lookup-id">{t('lookup.residentId')}</label>
          <input id="lookup-id" value={residentId} autoComplete="off" onChange={(e) => setResidentId(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="lookup-reason">{t('lookup.reason')}</label>
          <textarea
            id="lookup-reason"
            required
            minLength={10}
            maxLength={500}
            rows={2}
            aria-describedby="lookup-reason-hint"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <p id="lookup-reason-hint" className="hint">
            {t('lookup.reasonHint')}
          </p>
        </div>
        {missingKey && (
          <p className="state error" role="alert">
            {t('lookup.needKey')}
          </p>
        )}
        <button type="submit" disabled={state.phase === 'loading'}>
          {t('lookup.submit')}
        </button>
      </form>
      {state.phase === 'loading' && <Loading />}
      {state.phase === 'failed' && <ErrorNotice error={state.error} />}
      {state.phase === 'not-found' && <Empty>{t('lookup.notFound')}</Empty>}
      {state.phase === 'found' && (
        <>
          <ResidentDetails lookup={state.data} />
          <p>
            <a href={hrefFor({ view: 'audit', residentId: state.data.resident.id })}>{t('lookup.inAuditLog')}</a>
          </p>
        </>
      )}
    </Page>
  );
}
