// The dashboard's "recent administration" asks for administration kinds only, taken from the
// server's list: changes by officers and admins, lockouts, key rotation and exports — not
// sign-ins, reads of personal data or consent changes.
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_KINDS } from '../../../api/src/audit/event-kinds.js';
import { administrationKinds } from '../../../desktop/src/renderer/lib/administration-kinds.js';

describe('administrationKinds', () => {
  const kinds = administrationKinds(AUDIT_EVENT_KINDS);

  it('lists the administration writes of every kind family, lockouts, key rotation and exports', () => {
    expect(kinds).toEqual(
      expect.arrayContaining([
        'purpose.create',
        'purpose.approve',
        'officer.create',
        'officer.roles.set',
        'officer.roles.confirm',
        'officer.locked',
        'service.register',
        'service.key.revoke',
        'organisation.create',
        'data_category.create',
        'keys.create',
        'keys.rotate',
        'keys.purge',
        'keys.unrecorded_change',
        'keys.change_acknowledged',
        'export.audit_csv',
      ]),
    );
  });

  it('leaves out sign-ins, reads and consent changes', () => {
    for (const kind of [
      'officer.sign_in',
      'officer.sign_in_failed',
      'officer.lockouts.read',
      'service.usage',
      'service.usage.batch',
    ]) {
      expect(kinds).not.toContain(kind);
    }
    expect(kinds.filter((kind) => /^(resident|consent|audience|insight|campaign|audit)\./.test(kind))).toEqual([]);
    expect(kinds.filter((kind) => kind.endsWith('.batch'))).toEqual([]);
  });

  it('asks only for kinds the server listed, in its order', () => {
    expect(administrationKinds(['resident.read', 'keys.rotate', 'purpose.approve'])).toEqual([
      'keys.rotate',
      'purpose.approve',
    ]);
    expect(kinds).toEqual(AUDIT_EVENT_KINDS.filter((kind) => kinds.includes(kind)));
  });
});
