// The one parser behind the explorer's GraphQL filter and the CSV export's query parameters.
import { describe, expect, it } from 'vitest';
import { parseAuditFilter } from '../../../api/src/audit/audit-filter.js';
import { LupaValidationError } from '../../../api/src/core/errors.js';
import { encodeId } from '../../../api/src/core/global-ids.js';

const RESIDENT = '0b7c2f0e-4a53-4f0c-9a55-2f0d5c1e9b11';
const SERVICE = '6f1d3b9a-2c4e-4d8f-8a7b-9e0c1d2e3f40';

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LupaValidationError);
    return (error as LupaValidationError).issues;
  }
  throw new Error('expected a validation error');
}

describe('parseAuditFilter', () => {
  it('is empty without input', () => {
    expect(parseAuditFilter(undefined)).toEqual({});
    expect(parseAuditFilter(null)).toEqual({});
  });

  it('turns global ids into row ids and keeps the other criteria', () => {
    const from = new Date('2026-12-01T00:00:00Z');
    const to = new Date('2026-12-02T00:00:00Z');
    expect(
      parseAuditFilter({
        residentId: encodeId('Resident', RESIDENT),
        serviceId: encodeId('Service', SERVICE),
        actorKind: 'OFFICER',
        outcome: 'DENIED',
        kinds: ['resident.read'],
        actorId: 'officer-1',
        from,
        to,
      }),
    ).toEqual({
      residentId: RESIDENT,
      organisationId: undefined,
      serviceId: SERVICE,
      purposeId: undefined,
      actorKind: 'OFFICER',
      outcome: 'DENIED',
      kinds: ['resident.read'],
      actorId: 'officer-1',
      from,
      to,
    });
  });

  it('refuses an id of another type at its own path, never matching nothing silently', () => {
    expect(issuesOf(() => parseAuditFilter({ residentId: encodeId('Service', SERVICE) }, 'query'))).toEqual([
      expect.objectContaining({ path: 'query.residentId' }),
    ]);
    expect(issuesOf(() => parseAuditFilter({ purposeId: encodeId('Resident', RESIDENT) }))).toEqual([
      expect.objectContaining({ path: 'filter.purposeId' }),
    ]);
  });

  it('refuses a range that ends before or where it starts', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    for (const to of [at, new Date(at.getTime() - 1)]) {
      expect(issuesOf(() => parseAuditFilter({ from: at, to }))).toEqual([
        { path: 'filter.to', message: 'must be later than from' },
      ]);
    }
    expect(parseAuditFilter({ from: at, to: new Date(at.getTime() + 1) }).to).toEqual(new Date(at.getTime() + 1));
  });
});
