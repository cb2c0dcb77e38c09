// Runs the audit-chain verification on demand and shows what it found: every record
// checked and linked, or the first broken link and how it broke.
import { useState } from 'react';
import { RequestFailed, runOperation } from '../api/client.js';
import { type ChainVerification as Result, VERIFY_AUDIT_CHAIN } from '../api/operations/audit.js';
import { ErrorNotice } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { formatNumber } from '../lib/format.js';

export function ChainVerification() {
  const { t, language } = useT();
  const [state, setState] = useState<
    { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; result: Result } | { phase: 'failed'; error: Error }
  >({ phase: 'idle' });

  async function verify() {
    setState({ phase: 'running' });
    try {
      const { verifyAuditChain } = await runOperation(VERIFY_AUDIT_CHAIN, {});
      setState({ phase: 'done', result: verifyAuditChain });
    } catch (error) {
      setState({ phase: 'failed', error: error instanceof Error ? error : new RequestFailed(String(error), 'ERROR') });
    }
  }

  return (
    <div className="verify">
      <button type="button" onClick={verify} disabled={state.phase === 'running'}>
        {t('audit.verify')}
      </button>
      {state.phase === 'running' && (
        <div role="status" className="progress">
          <label htmlFor="verify-progress">{t('audit.verifying')}</label>
          <progress id="verify-progress" />
        </div>
      )}
      {state.phase === 'done' &&
        (state.result.ok ? (
          <p role="status" className="state ok verify-result">
            {t('audit.chainOk', {
              count: state.result.verified,
              formatted: formatNumber(state.result.verified, language),
              head: state.result.headSeq ?? '0',
            })}
          </p>
        ) : state.result.firstBrokenSeq === null ? (
          // The records are intact but the signed checkpoint cannot vouch for them.
          <p role="alert" className="state error verify-result">
            {t('audit.checkpointUnverified', {
              head: state.result.headSeq ?? '0',
              seq: state.result.checkpointSeq ?? '?',
              kind: t(`chainBreak.${state.result.kind ?? 'CHECKPOINT_INVALID'}`),
            })}{' '}
            {state.result.message}
          </p>
        ) : (
          <p role="alert" className="state error verify-result">
            {t('audit.chainBroken', {
              seq: state.result.firstBrokenSeq ?? '?',
              kind: t(`chainBreak.${state.result.kind ?? 'HASH_MISMATCH'}`),
              verified: formatNumber(state.result.verified, language),
            })}{' '}
            {state.result.message}
          </p>
        ))}
      {state.phase === 'failed' && <ErrorNotice error={state.error} />}
    </div>
  );
}
