// What one request read and was refused, per resident. The audit log is written from this
// before the response leaves (see audit-plugin.ts), so nothing personal is sent unrecorded.
import type { DenialReason } from '../privacy/index.js';

export interface ResidentAccess {
  returned: Set<string>;
  denied: Map<string, DenialReason>;
}

export class AccessRecord {
  readonly byResident = new Map<string, ResidentAccess>();
  /** Aggregates read (insight tables): audited once per request, with no resident named. */
  readonly aggregates = new Set<string>();

  private entry(residentId: string): ResidentAccess {
    let entry = this.byResident.get(residentId);
    if (!entry) {
      entry = { returned: new Set(), denied: new Map() };
      this.byResident.set(residentId, entry);
    }
    return entry;
  }

  returned(residentId: string, field: string): void {
    this.entry(residentId).returned.add(field);
  }

  denied(residentId: string, field: string, reason: DenialReason): void {
    this.entry(residentId).denied.set(field, reason);
  }

  /** A write of personal data (an enrolment, a consent) is recorded like a read. */
  wrote(residentId: string, field: string): void {
    this.entry(residentId).returned.add(`write:${field}`);
  }

  /** An aggregate carries no identity, but reading one is processing and is recorded. */
  aggregate(name: string): void {
    this.aggregates.add(name);
  }

  get isEmpty(): boolean {
    return this.byResident.size === 0 && this.aggregates.size === 0;
  }
}
