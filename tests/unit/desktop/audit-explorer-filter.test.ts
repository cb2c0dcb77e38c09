// The audit explorer's labels and filter: every event kind the API writes has a label in
// fi, sv and en, and the form's kind and actor become the API's kinds and actorId filters.
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_KINDS } from '../../../api/src/audit/event-kinds.js';
import { en } from '../../../desktop/src/renderer/i18n/en.js';
import { fi } from '../../../desktop/src/renderer/i18n/fi.js';
import { sv } from '../../../desktop/src/renderer/i18n/sv.js';
import { auditKindLabel } from '../../../desktop/src/renderer/lib/audit-kind.js';
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
      // A .batch kind is labelled as the read it batches (lib/audit-kind.ts).
      const batched = AUDIT_EVENT_KINDS.filter((kind) => kind.endsWith('.batch'));
      expect([...byKind.keys()].sort()).toEqual(AUDIT_EVENT_KINDS.filter((kind) => !batched.includes(kind)).sort());
      for (const kind of batched) expect(byKind.has(kind.slice(0, -'.batch'.length)), kind).toBe(true);
      expect(new Set(byKind.values()).size).toBe(byKind.size);
      expect(messages.audit.batchKind).toContain('{{label}}');
    });
  }
});

describe('auditKindLabel', () => {
  // i18next's lookup, reduced to what the labels use: a dotted key, a default, {{label}}.
  const english = labels(en as unknown as Tree);
  const t = (key: string, options: Record<string, unknown> = {}) =>
    (english.get(key) ?? String(options.defaultValue ?? key)).replace('{{label}}', String(options.label));

  it('labels a kind, a batch of reads as that read over several residents, and an unknown kind as spelled', () => {
    expect(auditKindLabel(t, 'officer.roles.set')).toBe('Roles changed');
    expect(auditKindLabel(t, 'resident.read.batch')).toBe('Resident data read (several residents)');
    expect(auditKindLabel(t, 'officer.teleport')).toBe('officer.teleport');
    expect(auditKindLabel(t, null)).toBe('');
  });
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
