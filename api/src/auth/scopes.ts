// Officer roles map to `resource:action` scopes (the Fides model); GraphQL auth rules ask
// for scopes, never for roles, so what a role may do is decided here and only here.
// Least privilege and separation of duties: an admin manages who and what is registered
// but neither looks residents up nor reads the audit log; the auditor only reads and
// verifies; approving a purpose version is the privacy officer's alone.
import { z } from 'zod';

export const OFFICER_ROLES = ['ADMIN', 'OFFICER', 'AUDITOR'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];
export const ZOfficerRoleSchema = z.enum(OFFICER_ROLES);

export const SCOPES = [
  'organisation:read',
  'organisation:write',
  'service:read',
  'service:write', // register services, their keys and webhook URLs
  'officer:read',
  'officer:write',
  'purpose:read',
  'purpose:write', // draft purposes and new versions
  'purpose:approve', // publish a version, making it usable by services
  'resident:lookup', // find one resident, with a stated reason that is itself audited
  'audit:read',
  'audit:verify', // run the chain verification
  'audit:export', // audit extracts and records of processing (Art. 30)
  'notice:read', // webhook notices to recipients and their delivery state
  'notice:write', // retry or close notices whose delivery failed
  'campaign:read', // campaigns with their reach and response rates (counts only)
] as const;
export type Scope = (typeof SCOPES)[number];
export const ZScopeSchema = z.enum(SCOPES);

const ROLE_SCOPES: Record<OfficerRole, readonly Scope[]> = {
  ADMIN: [
    'organisation:read',
    'organisation:write',
    'service:read',
    'service:write',
    'officer:read',
    'officer:write',
    'purpose:read',
    'purpose:write',
  ],
  OFFICER: [
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
  AUDITOR: [
    'organisation:read',
    'service:read',
    'purpose:read',
    'audit:read',
    'audit:verify',
    'audit:export',
    'notice:read',
  ],
};

/** The union of the roles' scopes, in the order of SCOPES. */
export function scopesForRoles(roles: readonly OfficerRole[]): Scope[] {
  const granted = new Set(roles.flatMap((role) => ROLE_SCOPES[role]));
  return SCOPES.filter((scope) => granted.has(scope));
}
