// The consent record inside every receipt, shaped after ISO/IEC TS 27560:2023 (consent
// record information structure) with W3C Data Privacy Vocabulary (DPV) terms for purpose,
// legal basis, personal data categories, parties and status — so a receipt means the same
// to any system that speaks the standard, not only to Lupa.
export const LEGAL_BASIS_DPV: Record<string, string> = {
  CONSENT: 'dpv:Consent',
  CONTRACT: 'dpv:Contract',
  LEGAL_OBLIGATION: 'dpv:LegalObligation',
  VITAL_INTEREST: 'dpv:VitalInterest',
  PUBLIC_TASK: 'dpv:PublicInterest',
  LEGITIMATE_INTEREST: 'dpv:LegitimateInterest',
};

export const CATEGORY_DPV: Record<string, string> = {
  'identity.name': 'pd:Name',
  'identity.pic': 'pd:OfficialID',
  contact: 'pd:Contact',
  address: 'pd:Address',
  demographics: 'pd:Demographic',
  interests: 'pd:Interest',
  serviceUsage: 'pd:ServiceConsumptionBehavior',
  'special.accessibility': 'pd:Disability',
  statistics: 'pd:Statistical',
};

export const EVENT_STATUS_DPV = {
  GRANTED: 'dpv:ConsentGiven',
  CONFIRMED: 'dpv:ConsentGiven',
  WITHDRAWN: 'dpv:ConsentWithdrawn',
  EXPIRED: 'dpv:ConsentExpired',
} as const;

export interface ConsentRecordFacts {
  recordId: string;
  residentId: string;
  event: keyof typeof EVENT_STATUS_DPV;
  pendingConfirmation: boolean;
  occurredAt: Date;
  expiresAt: Date | null;
  channel: string;
  actorKind: string;
  wordingSha256: string;
  language: string;
  purpose: {
    slug: string;
    version: number;
    title: string;
    legalBasis: string;
    retentionDays: number;
    categories: string[];
    controller: { name: string; businessId: string };
    recipients: { name: string; businessId: string }[];
  };
}

export function buildConsentRecord(facts: ConsentRecordFacts): Record<string, unknown> {
  const status =
    facts.pendingConfirmation && facts.event === 'GRANTED' ? 'dpv:ConsentRequested' : EVENT_STATUS_DPV[facts.event];
  return {
    '@context': ['https://w3id.org/dpv', 'https://w3id.org/dpv/pd'],
    schema_version: 'ISO/IEC TS 27560:2023',
    record_id: facts.recordId,
    pii_principal_id: facts.residentId,
    notice: { version: facts.purpose.version, language: facts.language, text_sha256: facts.wordingSha256 },
    processing: [
      {
        purpose: { id: facts.purpose.slug, description: facts.purpose.title },
        legal_basis: LEGAL_BASIS_DPV[facts.purpose.legalBasis] ?? 'dpv:LegalBasis',
        personal_data: facts.purpose.categories.map((c) => CATEGORY_DPV[c] ?? c),
        storage: { duration: `P${facts.purpose.retentionDays}D` },
        controllers: [
          { role: 'dpv:DataController', name: facts.purpose.controller.name, id: facts.purpose.controller.businessId },
        ],
        recipients: facts.purpose.recipients.map((r) => ({ role: 'dpv:Recipient', name: r.name, id: r.businessId })),
      },
    ],
    event: [
      {
        event_time: facts.occurredAt.toISOString(),
        validity_duration: facts.expiresAt ? facts.expiresAt.toISOString() : null,
        event_type: EVENT_STATUS_DPV[facts.event],
        event_by:
          facts.actorKind === 'RESIDENT'
            ? 'dpv:DataSubject'
            : facts.actorKind === 'SYSTEM'
              ? 'dpv:DataController'
              : `lupa:${facts.actorKind}`,
        channel: facts.channel,
      },
    ],
    status,
  };
}
