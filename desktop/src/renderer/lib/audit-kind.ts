// The label of an audit event kind in the officer's language (i18n/audit-kinds.ts); a kind
// this version of the UI does not know yet is shown as the API spells it.
type Translate = (key: string, options?: Record<string, unknown>) => string;

// A request that read several residents is one record whose kind is the read's kind plus
// this suffix (api/src/audit/event-kinds.ts): labelled as that read, over several residents.
const BATCH = '.batch';

export function auditKindLabel(t: Translate, kind: string | null | undefined): string {
  if (!kind) return '';
  if (kind.endsWith(BATCH)) {
    const read = kind.slice(0, -BATCH.length);
    return t('audit.batchKind', { label: t(`auditKind.${read}`, { defaultValue: read }) });
  }
  return t(`auditKind.${kind}`, { defaultValue: kind });
}
