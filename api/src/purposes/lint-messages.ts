// The linter's warnings: a stable code, a severity and the sentence in fi/sv/en. Codes only
// ever gain members — the UI and saved review notes refer to them.
import type { Severity } from './lint-legal-basis.js';

export type LintCode =
  | 'LEGAL_BASIS_MISSING'
  | 'CONSENT_FOR_PUBLIC_TASK'
  | 'CONSENT_BY_PUBLIC_AUTHORITY'
  | 'LEGITIMATE_INTEREST_BY_AUTHORITY'
  | 'SPECIAL_CATEGORY_WITHOUT_BASIS'
  | 'SPECIAL_BASIS_WITHOUT_SPECIAL_CATEGORY'
  | 'EXPLICIT_CONSENT_WITHOUT_CONSENT'
  | 'RETENTION_MISSING'
  | 'RETENTION_OVER_TEN_YEARS'
  | 'CONSENT_VALIDITY_MISSING'
  | 'CONSENT_VALIDITY_WITHOUT_CONSENT'
  | 'NO_CATEGORIES'
  | 'IDENTITY_CODE_TO_THIRD_SECTOR'
  | 'TEXT_MISSING';

export const LINT_MESSAGES: Record<LintCode, { severity: Severity; message: { fi: string; sv: string; en: string } }> =
  {
    LEGAL_BASIS_MISSING: {
      severity: 'ERROR',
      message: {
        fi: 'Käsittelyperuste puuttuu (tietosuoja-asetuksen 6 artikla).',
        sv: 'Rättslig grund saknas (artikel 6 i dataskyddsförordningen).',
        en: 'No legal basis is chosen (GDPR Art. 6).',
      },
    },
    CONSENT_FOR_PUBLIC_TASK: {
      severity: 'WARNING',
      message: {
        fi: 'Suostumus on valittu tehtävään, joka näyttää kunnan lakisääteiseltä tehtävältä. Viranomaisen tehtävässä suostumus ei ole vapaaehtoinen; harkitse perusteeksi yleisen edun mukaista tehtävää tai lakisääteistä velvoitetta.',
        sv: 'Samtycke har valts för något som ser ut som en lagstadgad kommunal uppgift. I en myndighets uppgift är samtycket inte frivilligt; överväg allmänt intresse eller rättslig förpliktelse.',
        en: 'Consent is chosen for what looks like a statutory task of the municipality. Consent to an authority doing its task is not freely given; consider public task or legal obligation.',
      },
    },
    CONSENT_BY_PUBLIC_AUTHORITY: {
      severity: 'INFO',
      message: {
        fi: 'Kunnan toiminto pyytää suostumusta: varmista, ettei kieltäytymisestä seuraa haittaa ja ettei kyse ole lakisääteisestä tehtävästä.',
        sv: 'En kommunal funktion ber om samtycke: säkerställ att en vägran inte medför nackdelar och att det inte är en lagstadgad uppgift.',
        en: 'A municipal function asks for consent: make sure refusing has no consequences and that this is not a statutory task.',
      },
    },
    LEGITIMATE_INTEREST_BY_AUTHORITY: {
      severity: 'WARNING',
      message: {
        fi: 'Oikeutettu etu ei ole viranomaisen käytettävissä sen tehtävien hoidossa (6 artiklan 1 kohdan toinen alakohta).',
        sv: 'Berättigat intresse kan inte användas av myndigheter när de utför sina uppgifter (artikel 6.1 andra stycket).',
        en: 'Legitimate interest is not available to public authorities performing their tasks (Art. 6(1), second subparagraph).',
      },
    },
    SPECIAL_CATEGORY_WITHOUT_BASIS: {
      severity: 'ERROR',
      message: {
        fi: 'Erityinen henkilötietoryhmä on mukana ilman 9 artiklan mukaista perustetta.',
        sv: 'En särskild kategori av personuppgifter ingår utan grund enligt artikel 9.',
        en: 'A special category of personal data is in scope without an Art. 9 basis.',
      },
    },
    SPECIAL_BASIS_WITHOUT_SPECIAL_CATEGORY: {
      severity: 'INFO',
      message: {
        fi: '9 artiklan peruste on valittu, mutta yhtään erityistä henkilötietoryhmää ei ole mukana.',
        sv: 'En grund enligt artikel 9 har valts men ingen särskild kategori ingår.',
        en: 'An Art. 9 basis is chosen but no special category is in scope.',
      },
    },
    EXPLICIT_CONSENT_WITHOUT_CONSENT: {
      severity: 'WARNING',
      message: {
        fi: 'Nimenomainen suostumus (9 artikla) edellyttää, että myös käsittelyperuste on suostumus.',
        sv: 'Uttryckligt samtycke (artikel 9) förutsätter att även den rättsliga grunden är samtycke.',
        en: 'Explicit consent (Art. 9) needs consent as the legal basis too.',
      },
    },
    RETENTION_MISSING: {
      severity: 'ERROR',
      message: {
        fi: 'Säilytysaika puuttuu (5 artiklan 1 kohdan e alakohta, 30 artikla).',
        sv: 'Lagringstid saknas (artikel 5.1 e, artikel 30).',
        en: 'No retention period is set (Art. 5(1)(e), Art. 30).',
      },
    },
    RETENTION_OVER_TEN_YEARS: {
      severity: 'INFO',
      message: {
        fi: 'Säilytysaika on yli kymmenen vuotta: perustele se.',
        sv: 'Lagringstiden är över tio år: motivera den.',
        en: 'The retention period is over ten years: justify it.',
      },
    },
    CONSENT_VALIDITY_MISSING: {
      severity: 'ERROR',
      message: {
        fi: 'Suostumukseen perustuvalle käyttötarkoitukselle tarvitaan suostumuksen voimassaoloaika.',
        sv: 'Ett ändamål som grundar sig på samtycke behöver en giltighetstid för samtycket.',
        en: 'A consent-based purpose needs a consent validity period.',
      },
    },
    CONSENT_VALIDITY_WITHOUT_CONSENT: {
      severity: 'ERROR',
      message: {
        fi: 'Suostumuksen voimassaoloaika on annettu, vaikka peruste ei ole suostumus.',
        sv: 'En giltighetstid för samtycke har angetts fast grunden inte är samtycke.',
        en: 'A consent validity period is set although the basis is not consent.',
      },
    },
    NO_CATEGORIES: {
      severity: 'ERROR',
      message: {
        fi: 'Yhtään tietoryhmää ei ole valittu.',
        sv: 'Ingen uppgiftskategori har valts.',
        en: 'No data category is chosen.',
      },
    },
    IDENTITY_CODE_TO_THIRD_SECTOR: {
      severity: 'WARNING',
      message: {
        fi: 'Henkilötunnus luovutettaisiin kokonaisena kolmannen sektorin toimijalle; tietosuojalain 29 § sallii sen vain välttämättömissä tapauksissa.',
        sv: 'Personbeteckningen skulle lämnas ut i sin helhet till en aktör inom tredje sektorn; 29 § i dataskyddslagen tillåter det bara när det är nödvändigt.',
        en: 'The full personal identity code would go to a third-sector body; the Data Protection Act §29 allows that only where necessary.',
      },
    },
    TEXT_MISSING: {
      severity: 'ERROR',
      message: {
        fi: 'Teksti puuttuu: otsikko ja kuvaus tarvitaan suomeksi, ruotsiksi ja englanniksi.',
        sv: 'Text saknas: rubrik och beskrivning behövs på finska, svenska och engelska.',
        en: 'Text is missing: title and description are needed in Finnish, Swedish and English.',
      },
    },
  };
