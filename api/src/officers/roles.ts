// Which roles one administrator may not grant alone: those that can approve a purpose
// version (four eyes on who may approve, not only on what is approved) and those that can
// manage officers. The second matters as much as the first: if one ADMIN could make a
// second ADMIN of an address they control, that puppet would be the "second ADMIN" who
// confirms the first one's approver. Derived from the scope map, so a role that gains
// either scope there is covered here without a second list to keep in step.
import { type OfficerRole, scopesForRoles } from '../auth/index.js';

export function needsSecondAdmin(role: OfficerRole): boolean {
  const scopes = scopesForRoles([role]);
  return scopes.includes('purpose:approve') || scopes.includes('officer:write');
}

/** Such roles in `next` that `current` does not hold: these wait for a second ADMIN. */
export function addedApprovingRoles(current: readonly OfficerRole[], next: readonly OfficerRole[]): OfficerRole[] {
  return next.filter((role) => needsSecondAdmin(role) && !current.includes(role));
}

export function uniqueRoles(roles: readonly OfficerRole[]): OfficerRole[] {
  return [...new Set(roles)];
}
