// The audit explorer's labels and filter: every event kind the API writes has a label in
// fi, sv and en, and the form's kind and actor become the API's kinds and actorId filters.
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_KINDS } from '../../../api/src/audit/event-kinds.js';
import { en } from '../../../desktop/src/renderer/i18n/en.js';
import { fi } from '../../../desktop/src/renderer/i18n/fi.js';
import { sv } from '../../../desktop/src/renderer/i18n/sv.js';
import { emptyFilterForm, toAuditFilter } from '../../../desktop/src/renderer/views/audit-filter-form.js';

type Tree = { [key: string]: string | Tree };

function labels(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of labels(value, path)) out.set(k, v);
  }
  return out;
}

describe('audit event kind labels', () => {
  for (const [lang, messages] of Object.entries({ en, fi, sv })) {
    it(`${lang} labels exactly the kinds the API knows, each differently`, () => {
      const byKind = labels(messages.auditKind as Tree);
      expect([...byKind.keys()].sort()).toEqual([...AUDIT_EVENT_KINDS].sort());
      expect(new Set(byKind.values()).size).toBe(byKind.size);
    });
  }
});

describe('toAuditFilter', () => {
  it('sends an empty form as no filter at all', () => {
    expect(toAuditFilter(emptyFilterForm())).toEqual({});
  });

  it('sends the chosen kind as kinds and the actor id trimmed', () => {
    const filter = toAuditFilter(
      emptyFilterForm({ kind: 'officer.roles.set', actorId: ' 5f0c-officer ', actorKind: 'OFFICER' }),
    );
    expect(filter).toEqual({ kinds: ['officer.roles.set'], actorId: '5f0c-officer', actorKind: 'OFFICER' });
  });

  it('never sends the identity code or the reason: only a resolved resident id', () => {
    const filter = toAuditFilter(
      emptyFilterForm({ residentCode: '131052-308T', residentReason: 'Case 12: a complaint', residentId: '' }),
    );
    expect(filter).toEqual({});
    expect(toAuditFilter(emptyFilterForm({ residentId: ' UmVzaWRlbnQ6MQ== ' }))).toEqual({
      residentId: 'UmVzaWRlbnQ6MQ==',
    });
  });

  it('makes the to-day inclusive', () => {
    expect(toAuditFilter(emptyFilterForm({ from: '2026-12-01', to: '2026-12-07' }))).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-08T00:00:00.000Z',
    });
  });
});
