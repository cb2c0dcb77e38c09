// One official or one service reading many residents of one address in a day: the pattern
// of someone looking into a household (a neighbour, an ex-partner) rather than doing a task.
// The database counts distinct residents per actor, local day and address; this applies the
// threshold and merges addresses written differently ("Koivukuja 3 A" and "koivukuja 3 a").
import type { AnomalySettings } from './settings.js';

export interface AddressReads {
  actorKind: 'SERVICE' | 'OFFICER';
  /** The service's or officer's id. */
  actorId: string;
  organisationId: string | null;
  day: string;
  streetAddress: string;
  postalCode: string;
  residentIds: readonly string[];
}

export interface AddressCluster {
  actorKind: 'SERVICE' | 'OFFICER';
  actorId: string;
  organisationId: string | null;
  day: string;
  postalCode: string;
  residents: number;
}

export function normaliseAddress(streetAddress: string, postalCode: string): string {
  return `${streetAddress.trim().toLocaleLowerCase('fi').replace(/\s+/g, ' ')}|${postalCode.trim()}`;
}

export function findAddressClusters(
  reads: AddressReads[],
  settings: Pick<AnomalySettings, 'addressMinimumResidents'>,
): AddressCluster[] {
  const groups = new Map<string, { first: AddressReads; residents: Set<string> }>();
  for (const entry of reads) {
    const key = `${entry.actorKind}|${entry.actorId}|${entry.day}|${normaliseAddress(entry.streetAddress, entry.postalCode)}`;
    const group = groups.get(key) ?? { first: entry, residents: new Set<string>() };
    for (const id of entry.residentIds) group.residents.add(id);
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((g) => g.residents.size >= settings.addressMinimumResidents)
    .map(({ first, residents }) => ({
      actorKind: first.actorKind,
      actorId: first.actorId,
      organisationId: first.organisationId,
      day: first.day,
      postalCode: first.postalCode.trim(),
      residents: residents.size,
    }))
    .sort((a, b) => (a.day === b.day ? b.residents - a.residents : a.day < b.day ? -1 : 1));
}
