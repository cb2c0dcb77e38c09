// One sentence per flag in Finnish, Swedish and English, for the dashboard and exports.
import type { AnomalyFlag } from './find-anomalies.js';

export interface Localized {
  fi: string;
  sv: string;
  en: string;
}

/** `actor` names who read: a service's name, an organisation's, or "an official". */
export function describeAnomaly(flag: AnomalyFlag, actor: Localized): Localized {
  switch (flag.kind) {
    case 'READ_SPIKE': {
      const usual = flag.baselineMean.toFixed(1);
      return {
        fi: `${actor.fi}: ${flag.reads} lukua ${flag.day}, tavallisesti ${usual} päivässä.`,
        sv: `${actor.sv}: ${flag.reads} läsningar ${flag.day}, vanligen ${usual} per dag.`,
        en: `${actor.en}: ${flag.reads} reads on ${flag.day}, usually ${usual} a day.`,
      };
    }
    case 'OFF_HOURS':
      return {
        fi: `${actor.fi}: ${flag.reads} lukua virka-ajan ulkopuolella ${flag.day}.`,
        sv: `${actor.sv}: ${flag.reads} läsningar utanför kontorstid ${flag.day}.`,
        en: `${actor.en}: ${flag.reads} reads outside office hours on ${flag.day}.`,
      };
    case 'ADDRESS_CLUSTER':
      return {
        fi: `${actor.fi}: luki ${flag.residents} saman osoitteen asukkaan tietoja ${flag.day} (postinumero ${flag.postalCode}).`,
        sv: `${actor.sv}: läste uppgifter om ${flag.residents} invånare på samma adress ${flag.day} (postnummer ${flag.postalCode}).`,
        en: `${actor.en}: read ${flag.residents} residents of one address on ${flag.day} (postcode ${flag.postalCode}).`,
      };
  }
}
