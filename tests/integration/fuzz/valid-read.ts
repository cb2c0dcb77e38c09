// Well-formed reads built from the seed: the personal-data doors a service has, with ids and
// identity codes of residents that exist (restricted ones among them) and a random choice of
// fields. The random walker alone mostly produces documents the API rejects before reading
// anyone; these make sure the oracle sees many real decisions per run.
import fc from 'fast-check';

export interface SeededResident {
  globalId: string;
  pic: string;
}

const RESIDENT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'streetAddress',
  'postalCode',
  'district',
  'birthDate',
  'language',
  'personalIdentityCode',
  'interests { topic }',
  'serviceUsages { kind offeringCode }',
];
const MEMBER_FIELDS = ['firstName', 'lastName', 'email', 'phone'];

// Always the first name (what the share of operations reaching personal data counts), and
// any others besides.
const fieldsOf = (all: string[]) => fc.subarray(all.slice(1)).map((fields) => [all[0], ...fields].join(' '));

export function validRead(residents: readonly SeededResident[]): fc.Arbitrary<string> {
  const resident = fc.constantFrom(...residents);
  const fields = fieldsOf(RESIDENT_FIELDS);
  const first = fc.integer({ min: 1, max: 30 });
  return fc.oneof(
    fc
      .tuple(resident, fields)
      .map(([r, f]) => `{ resident(id: ${JSON.stringify(r.globalId)}) { __typename id ${f} } }`),
    fc
      .tuple(resident, fields)
      .map(([r, f]) => `{ node(id: ${JSON.stringify(r.globalId)}) { __typename ... on Resident { id ${f} } } }`),
    fc
      .tuple(resident, fields)
      .map(([r, f]) => `{ residentByPersonalIdentityCode(code: ${JSON.stringify(r.pic)}) { __typename id ${f} } }`),
    // Lists three times as often: under a consent purpose they return the residents who
    // consented, where a read by id mostly meets a resident who did not.
    ...Array.from({ length: 3 }, () =>
      fc.tuple(first, fields).map(([n, f]) => `{ residents(first: ${n}) { edges { node { __typename id ${f} } } } }`),
    ),
    fc
      .tuple(first, fieldsOf(MEMBER_FIELDS))
      .map(
        ([n, f]) =>
          `{ audience(criteria: {}, first: ${n}) { totalCount edges { node { __typename residentId ${f} } } } }`,
      ),
  );
}
