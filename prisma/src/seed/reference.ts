// Reference data of the synthetic municipality of Lumilaakso (Snödal): its organisations,
// data categories, interest topics and the purposes behind the seed scenarios of
// DESIGN.md. Every text is written by hand in Finnish, Swedish and English.
import type {
  AccessLevel,
  LegalBasis,
  OrganisationKind,
  Sensitivity,
  SpecialCategoryBasis,
} from '../../generated/client/enums.js';

export const MUNICIPALITY = { fi: 'Lumilaakso', sv: 'Snödal', en: 'Lumilaakso' } as const;

export interface DistrictSeed {
  name: string;
  postalCode: string;
}

export const DISTRICTS: DistrictSeed[] = [
  { name: 'Keskusta', postalCode: '99100' },
  { name: 'Rantala', postalCode: '99110' },
  { name: 'Mäntymäki', postalCode: '99120' },
  { name: 'Koivuniemi', postalCode: '99130' },
  { name: 'Harjula', postalCode: '99140' },
  { name: 'Peltola', postalCode: '99150' },
  { name: 'Kalliola', postalCode: '99160' },
  { name: 'Lehtola', postalCode: '99170' },
];

export interface OrganisationSeed {
  slug: string;
  businessId: string;
  kind: OrganisationKind;
  nameFi: string;
  nameSv: string;
  nameEn: string;
}

export const ORGANISATIONS: OrganisationSeed[] = [
  {
    slug: 'daycare',
    businessId: '9100001-3',
    kind: 'MUNICIPAL',
    nameFi: 'Lumilaakson varhaiskasvatus',
    nameSv: 'Småbarnspedagogiken i Snödal',
    nameEn: 'Lumilaakso Early Childhood Education',
  },
  {
    slug: 'building-control',
    businessId: '9100002-1',
    kind: 'MUNICIPAL',
    nameFi: 'Lumilaakson rakennusvalvonta',
    nameSv: 'Byggnadstillsynen i Snödal',
    nameEn: 'Lumilaakso Building Control',
  },
  {
    slug: 'adult-education',
    businessId: '9100004-8',
    kind: 'MUNICIPAL',
    nameFi: 'Lumilaakson kansalaisopisto',
    nameSv: 'Medborgarinstitutet i Snödal',
    nameEn: 'Lumilaakso Adult Education Institute',
  },
  {
    slug: 'city-planning',
    businessId: '9100005-6',
    kind: 'MUNICIPAL',
    nameFi: 'Lumilaakson kaupunkisuunnittelu',
    nameSv: 'Stadsplaneringen i Snödal',
    nameEn: 'Lumilaakso City Planning',
  },
  {
    slug: 'youth-services',
    businessId: '9100006-4',
    kind: 'MUNICIPAL',
    nameFi: 'Lumilaakson nuorisopalvelut',
    nameSv: 'Ungdomstjänsterna i Snödal',
    nameEn: 'Lumilaakso Youth Services',
  },
  {
    slug: 'communications',
    businessId: '9100007-2',
    kind: 'MUNICIPAL',
    nameFi: 'Lumilaakson kaupungin viestintä',
    nameSv: 'Snödals stads kommunikation',
    nameEn: 'City of Lumilaakso Communications',
  },
  {
    slug: 'privacy-office',
    businessId: '9100012-8',
    kind: 'MUNICIPAL',
    nameFi: 'Lumilaakson kaupungin tietosuojatoiminto',
    nameSv: 'Snödals stads dataskyddsfunktion',
    nameEn: 'City of Lumilaakso Data Protection Office',
  },
  {
    slug: 'jazz-association',
    businessId: '9100008-0',
    kind: 'THIRD_SECTOR',
    nameFi: 'Lumilaakson Jazzyhdistys ry',
    nameSv: 'Jazzföreningen i Snödal rf',
    nameEn: 'Lumilaakso Jazz Association',
  },
  {
    slug: 'parish',
    businessId: '9100009-9',
    kind: 'THIRD_SECTOR',
    nameFi: 'Lumilaakson seurakunta',
    nameSv: 'Snödals församling',
    nameEn: 'Lumilaakso Parish',
  },
  {
    slug: 'disc-golf-club',
    businessId: '9100010-1',
    kind: 'THIRD_SECTOR',
    nameFi: 'Lumilaakson Frisbeegolfseura ry',
    nameSv: 'Discgolfklubben i Snödal rf',
    nameEn: 'Lumilaakso Disc Golf Club',
  },
];

export interface CategorySeed {
  slug: string;
  sensitivity: Sensitivity;
  nameFi: string;
  nameSv: string;
  nameEn: string;
  descriptionFi: string;
  descriptionSv: string;
  descriptionEn: string;
}

export const DATA_CATEGORIES: CategorySeed[] = [
  {
    slug: 'identity.name',
    sensitivity: 'NORMAL',
    nameFi: 'Nimi',
    nameSv: 'Namn',
    nameEn: 'Name',
    descriptionFi: 'Etunimi ja sukunimi.',
    descriptionSv: 'Förnamn och efternamn.',
    descriptionEn: 'First name and last name.',
  },
  {
    slug: 'identity.pic',
    sensitivity: 'HIGH',
    nameFi: 'Henkilötunnus',
    nameSv: 'Personbeteckning',
    nameEn: 'Personal identity code',
    descriptionFi: 'Henkilötunnus, jolla sinut tunnistetaan varmasti.',
    descriptionSv: 'Personbeteckningen som identifierar dig entydigt.',
    descriptionEn: 'The personal identity code that identifies you unambiguously.',
  },
  {
    slug: 'contact',
    sensitivity: 'NORMAL',
    nameFi: 'Yhteystiedot',
    nameSv: 'Kontaktuppgifter',
    nameEn: 'Contact details',
    descriptionFi: 'Sähköpostiosoite ja puhelinnumero.',
    descriptionSv: 'E-postadress och telefonnummer.',
    descriptionEn: 'E-mail address and phone number.',
  },
  {
    slug: 'address',
    sensitivity: 'NORMAL',
    nameFi: 'Osoite',
    nameSv: 'Adress',
    nameEn: 'Address',
    descriptionFi: 'Katuosoite, postinumero, postitoimipaikka ja kaupunginosa.',
    descriptionSv: 'Gatuadress, postnummer, postanstalt och stadsdel.',
    descriptionEn: 'Street address, postal code, city and district.',
  },
  {
    slug: 'demographics',
    sensitivity: 'NORMAL',
    nameFi: 'Taustatiedot',
    nameSv: 'Bakgrundsuppgifter',
    nameEn: 'Background details',
    descriptionFi: 'Syntymäaika, asiointikieli ja kotitalouden tyyppi.',
    descriptionSv: 'Födelsedatum, språk och typ av hushåll.',
    descriptionEn: 'Date of birth, preferred language and household type.',
  },
  {
    slug: 'interests',
    sensitivity: 'NORMAL',
    nameFi: 'Kiinnostuksen kohteet',
    nameSv: 'Intressen',
    nameEn: 'Interests',
    descriptionFi: 'Aiheet, joista olet itse kertonut olevasi kiinnostunut.',
    descriptionSv: 'Ämnen som du själv har sagt att du är intresserad av.',
    descriptionEn: 'Topics you have told us you are interested in.',
  },
  {
    slug: 'serviceUsage',
    sensitivity: 'NORMAL',
    nameFi: 'Palvelujen käyttö',
    nameSv: 'Användning av tjänster',
    nameEn: 'Service usage',
    descriptionFi: 'Hakemukset ja ilmoittautumiset, esimerkiksi kursseille.',
    descriptionSv: 'Ansökningar och anmälningar, till exempel till kurser.',
    descriptionEn: 'Applications and enrolments, for example on courses.',
  },
  {
    slug: 'special.accessibility',
    sensitivity: 'SPECIAL',
    nameFi: 'Saavutettavuustarpeet',
    nameSv: 'Tillgänglighetsbehov',
    nameEn: 'Accessibility needs',
    descriptionFi: 'Tarpeet, jotka kertovat terveydestäsi, kuten liikkumisen tai kuulon tuki.',
    descriptionSv: 'Behov som avslöjar något om din hälsa, som stöd för rörlighet eller hörsel.',
    descriptionEn: 'Needs that reveal something about your health, such as mobility or hearing support.',
  },
  {
    slug: 'statistics',
    sensitivity: 'NORMAL',
    nameFi: 'Tilastotieto',
    nameSv: 'Statistik',
    nameEn: 'Statistics',
    descriptionFi: 'Vain vähintään viiden hengen ryhmistä laskettuja lukuja, ei koskaan yksittäisiä ihmisiä.',
    descriptionSv: 'Endast siffror om grupper på minst fem personer, aldrig om enskilda människor.',
    descriptionEn: 'Only figures about groups of at least five people, never about individuals.',
  },
];

export interface TopicSeed {
  slug: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
}

export const TOPICS: TopicSeed[] = [
  { slug: 'disc-golf', nameFi: 'Frisbeegolf', nameSv: 'Discgolf', nameEn: 'Disc golf' },
  { slug: 'jazz', nameFi: 'Jazz', nameSv: 'Jazz', nameEn: 'Jazz' },
  { slug: 'choir-singing', nameFi: 'Kuorolaulu', nameSv: 'Körsång', nameEn: 'Choir singing' },
  { slug: 'nature', nameFi: 'Luonto ja retkeily', nameSv: 'Natur och friluftsliv', nameEn: 'Nature and hiking' },
  { slug: 'urban-planning', nameFi: 'Kaupunkisuunnittelu', nameSv: 'Stadsplanering', nameEn: 'Urban planning' },
  { slug: 'cycling', nameFi: 'Pyöräily', nameSv: 'Cykling', nameEn: 'Cycling' },
  { slug: 'volunteering', nameFi: 'Vapaaehtoistyö', nameSv: 'Frivilligarbete', nameEn: 'Volunteering' },
  { slug: 'reading', nameFi: 'Lukeminen', nameSv: 'Läsning', nameEn: 'Reading' },
  { slug: 'cooking', nameFi: 'Ruoanlaitto', nameSv: 'Matlagning', nameEn: 'Cooking' },
  { slug: 'youth-activities', nameFi: 'Nuorten toiminta', nameSv: 'Ungdomsverksamhet', nameEn: 'Youth activities' },
];

export interface OfferingSeed {
  organisation: string;
  code: string;
  name: string;
  kind: 'ENROLMENT' | 'APPLICATION';
  /** Share of residents who use it, 0–1. */
  share: number;
}

export const OFFERINGS: OfferingSeed[] = [
  {
    organisation: 'adult-education',
    code: 'sax-spring-2027',
    name: 'Saksofonin alkeet, kevät 2027',
    kind: 'ENROLMENT',
    share: 0.03,
  },
  {
    organisation: 'adult-education',
    code: 'pottery-spring-2027',
    name: 'Keramiikka, kevät 2027',
    kind: 'ENROLMENT',
    share: 0.04,
  },
  {
    organisation: 'adult-education',
    code: 'swedish-b1-2027',
    name: 'Ruotsia B1, kevät 2027',
    kind: 'ENROLMENT',
    share: 0.03,
  },
  {
    organisation: 'daycare',
    code: 'daycare-place-2027',
    name: 'Varhaiskasvatuspaikka 2027',
    kind: 'APPLICATION',
    share: 0.05,
  },
  { organisation: 'building-control', code: 'building-permit', name: 'Rakennuslupa', kind: 'APPLICATION', share: 0.02 },
  {
    organisation: 'youth-services',
    code: 'summer-camp-2027',
    name: 'Nuorten kesäleiri 2027',
    kind: 'ENROLMENT',
    share: 0.02,
  },
];

export interface PurposeVersionSeed {
  legalBasis: LegalBasis;
  specialCategoryBasis?: SpecialCategoryBasis;
  retentionDays: number;
  consentValidityDays?: number;
  categories: Record<string, AccessLevel>;
  recipients: string[];
  titleFi: string;
  titleSv: string;
  titleEn: string;
  descriptionFi: string;
  descriptionSv: string;
  descriptionEn: string;
}

export interface PurposeSeed {
  slug: string;
  controller: string;
  /** Oldest first; the last one is the version in force. */
  versions: PurposeVersionSeed[];
}

const participationV1: PurposeVersionSeed = {
  legalBasis: 'CONSENT',
  retentionDays: 365,
  consentValidityDays: 730,
  categories: { 'identity.name': 'FULL', contact: 'FULL' },
  recipients: [],
  titleFi: 'Asukasosallistuminen lähialueen suunnitteluun',
  titleSv: 'Invånardeltagande i planeringen av närområdet',
  titleEn: 'Neighbourhood participation in planning',
  descriptionFi:
    'Kaupunkisuunnittelu kutsuu sinut kommentoimaan asuinalueesi suunnitelmia, kuten uusia puistoja ja katuja. Käytämme nimeäsi ja yhteystietojasi vain kutsujen lähettämiseen.',
  descriptionSv:
    'Stadsplaneringen bjuder in dig att kommentera planer för ditt bostadsområde, till exempel nya parker och gator. Vi använder ditt namn och dina kontaktuppgifter endast för att skicka inbjudningar.',
  descriptionEn:
    'City planning invites you to comment on plans for your neighbourhood, such as new parks and streets. We use your name and contact details only to send you the invitations.',
};

export const PURPOSES: PurposeSeed[] = [
  {
    slug: 'daycare-application',
    controller: 'daycare',
    versions: [
      {
        legalBasis: 'PUBLIC_TASK',
        retentionDays: 3650,
        categories: {
          'identity.name': 'FULL',
          'identity.pic': 'FULL',
          address: 'FULL',
          contact: 'FULL',
          demographics: 'FULL',
          // The application itself is recorded as service usage.
          serviceUsage: 'FULL',
        },
        recipients: [],
        titleFi: 'Varhaiskasvatushakemuksen käsittely',
        titleSv: 'Behandling av ansökan om småbarnspedagogik',
        titleEn: 'Processing a daycare application',
        descriptionFi:
          'Varhaiskasvatus käsittelee hakemuksesi lakisääteisenä tehtävänään ja hakee henkilö- ja osoitetietosi keskitetysti, jotta sinun ei tarvitse antaa niitä uudelleen.',
        descriptionSv:
          'Småbarnspedagogiken behandlar din ansökan som en lagstadgad uppgift och hämtar dina person- och adressuppgifter centralt så att du inte behöver uppge dem på nytt.',
        descriptionEn:
          'Early childhood education processes your application as a statutory task and fetches your identity and address from the hub, so you do not have to give them again.',
      },
    ],
  },
  {
    slug: 'building-permit',
    controller: 'building-control',
    versions: [
      {
        legalBasis: 'PUBLIC_TASK',
        retentionDays: 3650,
        categories: {
          'identity.name': 'FULL',
          'identity.pic': 'FULL',
          address: 'FULL',
          contact: 'FULL',
          serviceUsage: 'FULL',
        },
        recipients: [],
        titleFi: 'Rakennuslupahakemuksen käsittely',
        titleSv: 'Behandling av bygglovsansökan',
        titleEn: 'Processing a building permit application',
        descriptionFi:
          'Rakennusvalvonta käsittelee lupahakemuksesi maankäyttö- ja rakennuslain nojalla ja käyttää jo annettuja henkilö- ja osoitetietojasi.',
        descriptionSv:
          'Byggnadstillsynen behandlar din ansökan enligt markanvändnings- och bygglagen och använder de person- och adressuppgifter du redan har lämnat.',
        descriptionEn:
          'Building control processes your permit application under the Land Use and Building Act and uses the identity and address details you have already given.',
      },
    ],
  },
  {
    slug: 'neighbourhood-participation',
    controller: 'city-planning',
    versions: [
      participationV1,
      {
        ...participationV1,
        categories: { 'identity.name': 'FULL', contact: 'FULL', address: 'GENERALISED' },
        descriptionFi:
          'Kaupunkisuunnittelu kutsuu sinut kommentoimaan asuinalueesi suunnitelmia, kuten uusia puistoja ja katuja. Käytämme nimeäsi, yhteystietojasi ja kaupunginosaasi (emme katuosoitettasi) kutsujen kohdentamiseen.',
        descriptionSv:
          'Stadsplaneringen bjuder in dig att kommentera planer för ditt bostadsområde, till exempel nya parker och gator. Vi använder ditt namn, dina kontaktuppgifter och din stadsdel (inte din gatuadress) för att rikta inbjudningarna.',
        descriptionEn:
          'City planning invites you to comment on plans for your neighbourhood, such as new parks and streets. We use your name, contact details and district (not your street address) to target the invitations.',
      },
    ],
  },
  {
    slug: 'disc-golf-course-planning',
    controller: 'city-planning',
    versions: [
      {
        legalBasis: 'CONSENT',
        retentionDays: 365,
        consentValidityDays: 365,
        categories: { 'identity.name': 'FULL', contact: 'FULL', interests: 'FULL' },
        recipients: ['disc-golf-club'],
        titleFi: 'Frisbeegolfradan suunnittelu',
        titleSv: 'Planering av en discgolfbana',
        titleEn: 'Planning a disc golf course',
        descriptionFi:
          'Kaupunkisuunnittelu ja Lumilaakson Frisbeegolfseura kutsuvat frisbeegolfista kiinnostuneita suunnittelemaan uutta rataa. Seura saa nimesi ja yhteystietosi kutsua varten.',
        descriptionSv:
          'Stadsplaneringen och Discgolfklubben i Snödal bjuder in dem som är intresserade av discgolf att planera en ny bana. Klubben får ditt namn och dina kontaktuppgifter för inbjudan.',
        descriptionEn:
          'City planning and the Lumilaakso Disc Golf Club invite people interested in disc golf to help plan a new course. The club receives your name and contact details for the invitation.',
      },
    ],
  },
  {
    slug: 'concert-recommendations',
    controller: 'adult-education',
    versions: [
      {
        legalBasis: 'CONSENT',
        retentionDays: 365,
        consentValidityDays: 365,
        categories: { 'identity.name': 'FULL', contact: 'FULL', interests: 'FULL', serviceUsage: 'MASKED' },
        recipients: ['jazz-association'],
        titleFi: 'Konserttivinkit kurssilaisille',
        titleSv: 'Konserttips för kursdeltagare',
        titleEn: 'Concert tips for course participants',
        descriptionFi:
          'Kansalaisopisto ja Lumilaakson Jazzyhdistys muistuttavat musiikkikurssien osallistujia kevään jazzkonserteista. Yhdistys saa nimesi, yhteystietosi ja kiinnostuksen kohteesi.',
        descriptionSv:
          'Medborgarinstitutet och Jazzföreningen i Snödal påminner deltagare i musikkurser om vårens jazzkonserter. Föreningen får ditt namn, dina kontaktuppgifter och dina intressen.',
        descriptionEn:
          'The adult education institute and the Lumilaakso Jazz Association remind music course participants of the spring jazz concerts. The association receives your name, contact details and interests.',
      },
    ],
  },
  {
    slug: 'course-accessibility',
    controller: 'adult-education',
    versions: [
      {
        legalBasis: 'CONSENT',
        specialCategoryBasis: 'EXPLICIT_CONSENT',
        retentionDays: 180,
        consentValidityDays: 365,
        categories: { 'identity.name': 'FULL', contact: 'FULL', 'special.accessibility': 'FULL' },
        recipients: [],
        titleFi: 'Kurssien saavutettavuusjärjestelyt',
        titleSv: 'Tillgänglighet på kurserna',
        titleEn: 'Accessibility arrangements on courses',
        descriptionFi:
          'Kansalaisopisto järjestää kursseille tarvitsemasi tuen, kuten induktiosilmukan tai esteettömän tilan. Tiedot kertovat terveydestäsi, joten käytämme niitä vain nimenomaisella suostumuksellasi.',
        descriptionSv:
          'Medborgarinstitutet ordnar det stöd du behöver på kurserna, till exempel hörslinga eller tillgängliga lokaler. Uppgifterna säger något om din hälsa, så vi använder dem endast med ditt uttryckliga samtycke.',
        descriptionEn:
          'The adult education institute arranges the support you need on courses, such as a hearing loop or step-free rooms. These details say something about your health, so we use them only with your explicit consent.',
      },
    ],
  },
  {
    slug: 'youth-activities-news',
    controller: 'youth-services',
    versions: [
      {
        legalBasis: 'CONSENT',
        retentionDays: 365,
        consentValidityDays: 365,
        categories: { 'identity.name': 'FULL', contact: 'FULL', interests: 'FULL', demographics: 'GENERALISED' },
        recipients: [],
        titleFi: 'Uutisia nuorten toiminnasta',
        titleSv: 'Nyheter om ungdomsverksamhet',
        titleEn: 'News about youth activities',
        descriptionFi:
          'Nuorisopalvelut kertoo leireistä, kerhoista ja tapahtumista, jotka sopivat ikääsi ja kiinnostuksiisi.',
        descriptionSv:
          'Ungdomstjänsterna berättar om läger, klubbar och evenemang som passar din ålder och dina intressen.',
        descriptionEn: 'Youth services tells you about camps, clubs and events that suit your age and interests.',
      },
    ],
  },
  {
    slug: 'parish-events',
    controller: 'parish',
    versions: [
      {
        legalBasis: 'CONSENT',
        retentionDays: 365,
        consentValidityDays: 730,
        categories: { 'identity.name': 'FULL', contact: 'FULL', interests: 'FULL' },
        recipients: [],
        titleFi: 'Seurakunnan tapahtumat',
        titleSv: 'Församlingens evenemang',
        titleEn: 'Parish events',
        descriptionFi:
          'Seurakunta kutsuu sinut konsertteihin, kuorotoimintaan ja vapaaehtoistyöhön kiinnostustesi mukaan.',
        descriptionSv:
          'Församlingen bjuder in dig till konserter, körverksamhet och frivilligarbete enligt dina intressen.',
        descriptionEn:
          'The parish invites you to concerts, choir activities and volunteering that match your interests.',
      },
    ],
  },
  {
    // What privacy officers read under when they look a resident up: answering the
    // resident's own requests (Art. 15–22), complaints and breach duties are legal
    // obligations of the controller. Every such read also needs a stated reason.
    slug: 'privacy-supervision',
    controller: 'privacy-office',
    versions: [
      {
        legalBasis: 'LEGAL_OBLIGATION',
        retentionDays: 3650,
        categories: {
          'identity.name': 'FULL',
          'identity.pic': 'MASKED',
          contact: 'FULL',
          address: 'FULL',
          demographics: 'FULL',
          interests: 'FULL',
          serviceUsage: 'FULL',
        },
        recipients: [],
        titleFi: 'Tietosuojan valvonta ja rekisteröidyn oikeudet',
        titleSv: 'Tillsyn över dataskyddet och den registrerades rättigheter',
        titleEn: 'Data protection supervision and your rights',
        descriptionFi:
          'Kaupungin tietosuojavastaavat voivat katsoa tietojasi, kun he vastaavat pyyntöihisi, käsittelevät valituksia tai selvittävät tietoturvaloukkauksia. Jokaiselle haulle on kirjattava syy, ja haku näkyy sinulle.',
        descriptionSv:
          'Stadens dataskyddsombud kan se dina uppgifter när de besvarar dina begäranden, behandlar klagomål eller utreder dataintrång. Varje sökning kräver ett angivet skäl och syns för dig.',
        descriptionEn:
          "The city's data protection officers may look at your data when they answer your requests, handle complaints or investigate breaches. Every lookup needs a stated reason, and you can see it.",
      },
    ],
  },
  {
    slug: 'campaign-reach-statistics',
    controller: 'communications',
    versions: [
      {
        legalBasis: 'PUBLIC_TASK',
        retentionDays: 730,
        categories: { statistics: 'GENERALISED' },
        // City planning reads the reach of its own campaigns (insight answers only about
        // campaigns the asking organisation ran or controls).
        recipients: ['city-planning'],
        titleFi: 'Viestinnän tavoittavuuden tilastot',
        titleSv: 'Statistik över kommunikationens räckvidd',
        titleEn: 'Statistics on how far our communication reaches',
        descriptionFi:
          'Kaupunki seuraa, mitä väestöryhmiä sen kampanjat tavoittavat. Se näkee vain vähintään viiden hengen ryhmien lukumääriä, ei koskaan sinua henkilönä.',
        descriptionSv:
          'Staden följer upp vilka befolkningsgrupper dess kampanjer når. Den ser endast antal i grupper på minst fem personer, aldrig dig som person.',
        descriptionEn:
          'The city follows which groups of residents its campaigns reach. It sees only counts for groups of at least five people, never you as a person.',
      },
    ],
  },
];
