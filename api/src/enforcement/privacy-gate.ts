// The per-request door between resolvers and the privacy engine. The engine is pure; this
// gate feeds it the request's purpose version (its status read fresh), the version's privacy
// plan (compiled once per version and principal relation, then cached: privacy-plan.ts), and
// consent state batch-loaded per page of residents.
// Any failure here denies: the engine's answer is the only way a value gets out.
import type { PrismaClient } from '@lupa/db';
import type DataLoader from 'dataloader';
import type { Principal } from '../auth/index.js';
import {
  type AccessPrincipal,
  type CategoryAccess,
  type ConsentState,
  DATA_CATEGORY_SLUGS,
  type FieldAccessDecision,
  NO_CONSENT,
  type PurposeVersionPolicy,
  type ResidentDecisions,
} from '../privacy/index.js';
import {
  type PrivacyPlan,
  privacyPlanFor,
  type RowScopeRequest,
  type RowScopeResult,
} from '../privacy/privacy-plan.js';
import { AccessRecord } from './access-record.js';
import { createConsentLoader } from './consent-loader.js';
import { loadPurposeVersionPolicy } from './policy-loader.js';

export interface ResidentFacts {
  id: string;
  restricted: boolean;
}

export class PrivacyGate {
  readonly record = new AccessRecord();
  #policy?: Promise<PurposeVersionPolicy | undefined>;
  #plan?: Promise<PrivacyPlan | undefined>;
  #consents?: Promise<DataLoader<string, ConsentState> | undefined>;
  #officerRead?: { reason: string; purposeVersionId: string };
  /** The residents this request looked up with its stated reason: the only ones an officer reaches. */
  readonly #lookedUp = new Set<string>();
  /** Each prepared resident's decided view: consent and restriction read once, decisions synchronous. */
  readonly #views = new Map<string, ResidentDecisions>();
  /** The view of every prepared resident without consent in play, by restriction flag. */
  readonly #sharedViews = new Map<boolean, ResidentDecisions>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly principal: Principal,
    readonly now: Date,
  ) {}

  /**
   * Lets an officer read under the privacy-supervision purpose for the rest of this request,
   * with the reason they stated (audited with every field read). Must precede any decision.
   */
  authoriseOfficerRead(reason: string, purposeVersionId: string): void {
    if (this.principal.kind !== 'officer') throw new Error('only officers state reasons');
    if (this.#officerRead) {
      // Several lookups in one request share the first reason; the purpose cannot change.
      if (this.#officerRead.purposeVersionId !== purposeVersionId)
        throw new Error('the purpose of this request is fixed');
      return;
    }
    if (this.#policy) throw new Error('the purpose of this request is already fixed');
    this.#officerRead = { reason, purposeVersionId };
  }

  /** Records that this request looked the resident up (with its reason, audited). */
  noteLookedUp(residentId: string): void {
    if (!this.#officerRead) throw new Error('a lookup needs a stated reason first');
    this.#lookedUp.add(residentId);
  }

  /** Whether this request looked the resident up; a stated reason alone opens no one else. */
  hasLookedUp(residentId: string): boolean {
    return this.#officerRead !== undefined && this.#lookedUp.has(residentId);
  }

  get statedReason(): string | null {
    return this.#officerRead?.reason ?? null;
  }

  /** The purpose version this request acts under; undefined for principals without one. */
  policy(): Promise<PurposeVersionPolicy | undefined> {
    const versionId =
      this.principal.kind === 'service'
        ? this.principal.purposeVersionId
        : this.principal.kind === 'officer'
          ? this.#officerRead?.purposeVersionId
          : undefined;
    if (!versionId) return Promise.resolve(undefined);
    // A service's principal exists only if its version was PUBLISHED when read at the start
    // of this request (http/principal.ts); an officer's version is read here.
    const statusReadThisRequest = this.principal.kind === 'service' ? 'PUBLISHED' : undefined;
    this.#policy ??= loadPurposeVersionPolicy(this.prisma, versionId, statusReadThisRequest);
    return this.#policy;
  }

  /** The privacy plan of this request's purpose version; undefined for principals without one. */
  plan(): Promise<PrivacyPlan | undefined> {
    this.#plan ??= this.policy().then((policy) =>
      policy ? privacyPlanFor(this.accessPrincipal(), policy) : undefined,
    );
    return this.#plan;
  }

  private async table() {
    return (await this.plan())?.table;
  }

  /** The rows this request may reach when reading these categories (and ordering so). */
  async rowScope(request: RowScopeRequest): Promise<RowScopeResult> {
    const plan = await this.plan();
    return plan ? plan.rowScope(request) : { denied: 'PRINCIPAL_NOT_PERMITTED' };
  }

  private accessPrincipal(): AccessPrincipal {
    switch (this.principal.kind) {
      case 'service':
        return { kind: 'service', organisationId: this.principal.organisationId };
      case 'officer':
        return { kind: 'officer', roles: this.principal.roles, hasStatedReason: this.#officerRead !== undefined };
      case 'resident':
        return { kind: 'resident' };
      default:
        return { kind: 'system' };
    }
  }

  private consents(): Promise<DataLoader<string, ConsentState> | undefined> {
    this.#consents ??= this.policy().then((policy) =>
      policy ? createConsentLoader(this.prisma, policy.purposeId, this.now) : undefined,
    );
    return this.#consents;
  }

  /**
   * The derived consent state of each resident to this request's purpose, through the same
   * per-request loader field decisions use (one batched query; later fields reuse it). An
   * error loading one counts as no consent.
   */
  async consentStates(residentIds: readonly string[]): Promise<ConsentState[]> {
    const loader = await this.consents();
    if (!loader) return residentIds.map(() => NO_CONSENT);
    const states = await loader.loadMany(residentIds);
    return states.map((s) => (s instanceof Error ? NO_CONSENT : s));
  }

  /** The request-wide part of the decision for a category (used to scope lists). */
  async describeCategory(category: string): Promise<CategoryAccess> {
    const table = await this.table();
    return table ? table.describeCategory(category) : { access: 'DENIED', reason: 'PRINCIPAL_NOT_PERMITTED' };
  }

  /**
   * Decides the residents of a page once: the plan (this request's decision table) and their
   * consent states, loaded in one batch, give each resident a decided view, from which
   * `read` answers synchronously. Residents not prepared are decided one by one by `decide`.
   */
  async prepareViews(residents: readonly ResidentFacts[]): Promise<void> {
    const fresh = residents.filter((r) => !this.#views.has(r.id));
    if (fresh.length === 0) return;
    try {
      const plan = await this.plan();
      if (!plan) return;
      // Consent is loaded only when some category could still be opened by it.
      const states = plan.consentMatters ? await this.consentStates(fresh.map((r) => r.id)) : undefined;
      fresh.forEach((resident, i) => {
        const consent = states?.[i] ?? NO_CONSENT;
        // Without consent in play a view depends on nothing but the restriction flag (and
        // this request's instant): residents sharing the flag share one view, whose
        // decisions are then worked out once per field rather than once per resident.
        const shared = consent === NO_CONSENT && typeof resident.restricted === 'boolean';
        let view = shared ? this.#sharedViews.get(resident.restricted) : undefined;
        if (!view) {
          view = plan.forResident({ consent, residentRestricted: resident.restricted, now: this.now });
          if (shared) {
            view = rememberDecisions(view);
            this.#sharedViews.set(resident.restricted, view);
          }
        }
        this.#views.set(resident.id, view);
      });
    } catch {
      // Unprepared residents fall back to `decide`, which fails closed on its own.
    }
  }

  /**
   * The decision for one field, recorded like `decide`'s: synchronous from the resident's
   * decided view when the page was prepared, else through `decide`.
   */
  read(
    resident: ResidentFacts,
    category: string,
    field: string,
    mode: 'read' | 'write' = 'read',
  ): FieldAccessDecision | Promise<FieldAccessDecision> {
    const view = this.#views.get(resident.id);
    if (!view) return this.decide(resident, category, field, mode);
    let decision: FieldAccessDecision;
    try {
      decision = view.decideField(category, field);
    } catch {
      decision = { access: 'DENIED', reason: 'ENGINE_ERROR' };
    }
    if (decision.access === 'DENIED') return this.deny(resident.id, field, decision);
    if (mode === 'write') this.record.wrote(resident.id, field);
    else this.record.returned(resident.id, field);
    return decision;
  }

  /**
   * A resident asked for by id who is outside the row scope: the caller is answered as for
   * an unknown id, but the attempt is audited as a denial with the engine's reason (the
   * resident sees it in their access log, as before the scope existed).
   */
  async recordOutOfScope(resident: ResidentFacts, field: string): Promise<void> {
    let decision: FieldAccessDecision = { access: 'DENIED', reason: 'PRINCIPAL_NOT_PERMITTED' };
    try {
      const table = await this.table();
      const open = DATA_CATEGORY_SLUGS.find((slug) => table?.describeCategory(slug).access === 'PER_RESIDENT');
      if (table && open) {
        const [consent] = await this.consentStates([resident.id]);
        decision = table.decideField({
          consent: consent ?? NO_CONSENT,
          residentRestricted: resident.restricted,
          category: open,
          field,
          now: this.now,
        });
      }
    } catch {
      decision = { access: 'DENIED', reason: 'ENGINE_ERROR' };
    }
    // The SQL scope and the engine agree (a property test holds them equal); should they
    // ever not, the resident was still not shown, so it is recorded as a denial all the same.
    this.deny(
      resident.id,
      field,
      decision.access === 'DENIED' ? decision : { access: 'DENIED', reason: 'ENGINE_ERROR' },
    );
  }

  /** `write` records the decision as a write of the field instead of a read. */
  async decide(
    resident: ResidentFacts,
    category: string,
    field: string,
    mode: 'read' | 'write' = 'read',
  ): Promise<FieldAccessDecision> {
    try {
      const table = await this.table();
      if (!table) return this.deny(resident.id, field, { access: 'DENIED', reason: 'PRINCIPAL_NOT_PERMITTED' });
      const categoryAccess = table.describeCategory(category);
      // Consent is loaded only when the category could still be opened by it.
      const consent: ConsentState =
        categoryAccess.access === 'PER_RESIDENT' && categoryAccess.consentRequired
          ? await ((await this.consents())?.load(resident.id) ?? Promise.resolve(NO_CONSENT))
          : NO_CONSENT;
      const decision = table.decideField({
        consent,
        residentRestricted: resident.restricted,
        category,
        field,
        now: this.now,
      });
      if (decision.access === 'DENIED') return this.deny(resident.id, field, decision);
      if (mode === 'write') this.record.wrote(resident.id, field);
      else this.record.returned(resident.id, field);
      return decision;
    } catch {
      return this.deny(resident.id, field, { access: 'DENIED', reason: 'ENGINE_ERROR' });
    }
  }

  private deny(residentId: string, field: string, decision: FieldAccessDecision & { access: 'DENIED' }) {
    this.record.denied(residentId, field, decision.reason);
    return decision;
  }
}

/**
 * A view that decides each (category, field) once and answers repeats from memory. Only for
 * a view shared by residents whose decisions depend on nothing that differs between them.
 * A decision that throws is not remembered (the gate denies it with ENGINE_ERROR each time).
 */
function rememberDecisions(view: ResidentDecisions): ResidentDecisions {
  const decided = new Map<string, Map<string, FieldAccessDecision>>();
  return {
    decideField(category, field) {
      let byField = decided.get(category);
      let decision = byField?.get(field);
      if (decision) return decision;
      decision = Object.freeze(view.decideField(category, field));
      if (!byField) {
        byField = new Map();
        decided.set(category, byField);
      }
      byField.set(field, decision);
      return decision;
    },
    explainField: (category, field) => view.explainField(category, field),
  };
}
