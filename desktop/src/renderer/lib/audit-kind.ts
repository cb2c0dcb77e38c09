// The label of an audit event kind in the officer's language (i18n/audit-kinds.ts); a kind
// this version of the UI does not know yet is shown as the API spells it.
type Translate = (key: string, options?: Record<string, unknown>) => string;

export function auditKindLabel(t: Translate, kind: string | null | undefined): string {
  if (!kind) return '';
  return t(`auditKind.${kind}`, { defaultValue: kind });
}
