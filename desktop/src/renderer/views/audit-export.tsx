// Downloads the audit extract for the current filter from the API (UTF-8 with BOM, `;`),
// showing rows received against the total the server announced.
import { useState } from 'react';
import type { AuditFilter } from '../api/operations/audit.js';
import { transport } from '../api/transport.js';
import { ErrorNotice } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { downloadFile } from '../lib/download.js';
import { formatNumber } from '../lib/format.js';

export const AUDIT_EXPORT_PATH = '/admin/api/audit-export.csv';

type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; rows: number }
  | { phase: 'done'; rows: number }
  | { phase: 'failed'; status: number };

export function AuditExport({ filter }: { filter: AuditFilter }) {
  const { t, language } = useT();
  const [state, setState] = useState<ExportState>({ phase: 'idle' });

  async function run() {
    setState({ phase: 'running', rows: 0 });
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    try {
      const result = await transport.fetchExport({ path: AUDIT_EXPORT_PATH, query }, (rows) =>
        setState({ phase: 'running', rows }),
      );
      if (result.status !== 200) return setState({ phase: 'failed', status: result.status });
      downloadFile(`lupa-audit-${new Date().toISOString().slice(0, 10)}.csv`, result.bytes, 'text/csv;charset=utf-8');
      setState({ phase: 'done', rows: result.totalRows ?? 0 });
    } catch {
      setState({ phase: 'failed', status: 0 });
    }
  }

  return (
    <div className="export">
      <button type="button" onClick={run} disabled={state.phase === 'running'}>
        {t('audit.export')}
      </button>
      {state.phase === 'running' && (
        <div role="status" className="progress">
          <label htmlFor="export-progress">{t('audit.exporting', { rows: formatNumber(state.rows, language) })}</label>
          <progress id="export-progress" />
        </div>
      )}
      {state.phase === 'done' && (
        <p role="status" className="state ok">
          {t('audit.exported', { rows: formatNumber(state.rows, language) })}
        </p>
      )}
      {state.phase === 'failed' && <ErrorNotice error={new Error(t('audit.exportFailed', { status: state.status }))} />}
    </div>
  );
}
