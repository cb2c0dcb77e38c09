// Which audit event kinds the dashboard lists as administration: changes to purposes,
// officers, services, organisations and data categories, hub keys and exports. Taken
// from the server's own list (auditEventKinds), so a kind it does not know is never asked for
// (the API refuses unknown kinds) and a new administration kind shows up without a release.
const PREFIXES = ['purpose.', 'officer.', 'service.', 'organisation.', 'data_category.', 'export.'];
const EXACT = ['keys.create', 'keys.rotate', 'keys.purge', 'keys.unrecorded_change', 'keys.change_acknowledged'];
// Sign-ins and reads are not administration, and would push every change off the list.
const NOT_ADMINISTRATION = ['officer.sign_in', 'officer.sign_in_failed', 'officer.lockouts.read', 'service.usage'];

// Kinds ending in .batch are reads of several residents in one request.
const isRead = (kind: string) => NOT_ADMINISTRATION.includes(kind) || kind.endsWith('.batch');

export function administrationKinds(all: readonly string[]): string[] {
  return all.filter(
    (kind) => !isRead(kind) && (EXACT.includes(kind) || PREFIXES.some((prefix) => kind.startsWith(prefix))),
  );
}
