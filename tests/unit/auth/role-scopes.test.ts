// Which scopes each officer role carries, listed in full: a scope dropped from a role (a
// mutation testing survivor: any of them could be blanked unnoticed) or added to one changes
// what that officer may do, so the whole table is pinned here in the order of SCOPES.
import { describe, expect, it } from 'vitest';
import { scopesForRoles } from '../../../api/src/auth/scopes.js';

describe('scopesForRoles', () => {
  it.each([
    [
      'ADMIN',
      [
        'organisation:read',
        'organisation:write',
        'service:read',
        'service:write',
        'officer:read',
        'officer:write',
        'purpose:read',
        'purpose:write',
      ],
    ],
    [
      'OFFICER',
      [
        'organisation:read',
        'service:read',
        'purpose:read',
        'purpose:write',
        'purpose:approve',
        'resident:lookup',
        'audit:read',
        'audit:verify',
        'audit:export',
        'notice:read',
        'notice:write',
        'campaign:read',
      ],
    ],
    [
      'AUDITOR',
      [
        'organisation:read',
        'service:read',
        'purpose:read',
        'audit:read',
        'audit:verify',
        'audit:export',
        'notice:read',
      ],
    ],
  ] as const)('%s carries exactly its scopes', (role, scopes) => {
    expect([...scopesForRoles([role])].sort()).toEqual([...scopes].sort());
  });

  it('no role alone may both administer and look residents up', () => {
    expect(scopesForRoles(['ADMIN'])).not.toContain('resident:lookup');
    expect(scopesForRoles(['AUDITOR'])).not.toContain('resident:lookup');
  });

  it('several roles carry the union of their scopes, once each', () => {
    const both = scopesForRoles(['ADMIN', 'AUDITOR']);
    expect(new Set(both).size).toBe(both.length);
    expect([...both].sort()).toEqual(
      [...new Set([...scopesForRoles(['ADMIN']), ...scopesForRoles(['AUDITOR'])])].sort(),
    );
  });
});
