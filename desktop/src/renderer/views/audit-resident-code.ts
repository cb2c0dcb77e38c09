// The explorer's resident filter by identity code. The code becomes a resident id only
// through residentLookup, with the officer's stated reason: the API audits that lookup like
// any other, so finding someone's trail by their code is never an unrecorded lookup.
import { RequestFailed, runOperation } from '../api/client.js';
import { RESIDENT_ID_BY_CODE } from '../api/operations/audit.js';
import { isWellFormedIdentityCode } from '../lib/identity-code.js';

/** The API's minimum for a stated reason (api/src/graphql/resident-lookup.ts). */
export const MIN_REASON_LENGTH = 10;

export type CodeProblem = 'malformed' | 'reason' | 'noMatch';
export type CodeResolution = { ok: true; residentId: string } | { ok: false; problem: CodeProblem };

export async function resolveResidentCode(code: string, reason: string): Promise<CodeResolution> {
  if (!isWellFormedIdentityCode(code)) return { ok: false, problem: 'malformed' };
  if (reason.trim().length < MIN_REASON_LENGTH) return { ok: false, problem: 'reason' };
  try {
    const data = await runOperation(RESIDENT_ID_BY_CODE, {
      reason,
      personalIdentityCode: code.trim().toUpperCase(),
    });
    const found = data.residentLookup;
    return found ? { ok: true, residentId: found.resident.id } : { ok: false, problem: 'noMatch' };
  } catch (error) {
    // The API's own checks, should they be stricter than ours: still the officer's input.
    if (error instanceof RequestFailed && error.code === 'BAD_USER_INPUT') {
      return { ok: false, problem: error.message.includes('personalIdentityCode') ? 'malformed' : 'reason' };
    }
    throw error;
  }
}
