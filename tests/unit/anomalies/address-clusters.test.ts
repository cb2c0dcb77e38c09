// One actor reading many residents of one address in a day.
import { describe, expect, it } from 'vitest';
import { findAddressClusters, normaliseAddress } from '../../../api/src/anomalies/address-clusters.js';

const residents = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('findAddressClusters', () => {
  const base = {
    actorKind: 'OFFICER' as const,
    actorId: 'officer-1',
    organisationId: null,
    day: '2027-03-02',
    postalCode: '00100',
  };

  it('flags an actor reading at least the minimum of distinct residents of one address', () => {
    const flags = findAddressClusters([{ ...base, streetAddress: 'Koivukuja 3 A', residentIds: residents('r', 8) }], {
      addressMinimumResidents: 8,
    });
    expect(flags).toEqual([{ ...base, residents: 8 }]);
    expect(
      findAddressClusters([{ ...base, streetAddress: 'Koivukuja 3 A', residentIds: residents('r', 7) }], {
        addressMinimumResidents: 8,
      }),
    ).toEqual([]);
  });

  it('merges spellings of one address and counts a resident once', () => {
    const flags = findAddressClusters(
      [
        { ...base, streetAddress: 'Koivukuja 3 A', residentIds: residents('r', 5) },
        { ...base, streetAddress: ' koivukuja  3 a ', residentIds: [...residents('r', 3), ...residents('s', 3)] },
      ],
      { addressMinimumResidents: 8 },
    );
    expect(flags).toEqual([{ ...base, residents: 8 }]);
  });

  it('keeps actors and days apart', () => {
    const rows = [
      { ...base, streetAddress: 'Koivukuja 3', residentIds: residents('r', 4) },
      { ...base, actorId: 'officer-2', streetAddress: 'Koivukuja 3', residentIds: residents('s', 4) },
      { ...base, day: '2027-03-03', streetAddress: 'Koivukuja 3', residentIds: residents('t', 4) },
    ];
    expect(findAddressClusters(rows, { addressMinimumResidents: 5 })).toEqual([]);
  });

  it('normalises case (including Finnish letters), spacing and the postcode’s padding', () => {
    expect(normaliseAddress(' Äyräpääntie  5 B ', '00100 ')).toBe(normaliseAddress('äyräpääntie 5 b', '00100'));
    expect(normaliseAddress('Äyräpääntie 5 B', '00100')).not.toBe(normaliseAddress('Äyräpääntie 5 C', '00100'));
  });
});
