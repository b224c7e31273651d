/** Commercial plans. Features and limits are data in code, listed by the public `packs` query. */
export enum PackCode {
  FREE = 'FREE',
  PRO = 'PRO',
  INSTITUTIONNEL = 'INSTITUTIONNEL',
  DEVELOPPEUR = 'DEVELOPPEUR',
}

/** What a pack may use; each one guards GraphQL fields through `@requiresFeature`. */
export enum Feature {
  SEARCH = 'SEARCH',
  ADVANCED_FILTERS = 'ADVANCED_FILTERS',
  DCI = 'DCI',
  RETRAITS = 'RETRAITS',
  STATS = 'STATS',
  DASHBOARD = 'DASHBOARD',
  EXPORT_CSV = 'EXPORT_CSV',
}

export interface PackDefinition {
  code: PackCode;
  label: string;
  audience: string;
  features: readonly Feature[];
  /** Requests per Algiers day; null means unlimited. */
  dailyLimit: number | null;
  /** Requests per Algiers calendar month; null means unlimited. */
  monthlyLimit: number | null;
  /** Active API keys a user of this pack may hold. */
  maxApiKeys: number;
}

const ALL_FEATURES = Object.values(Feature);
const PAID_FEATURES = [
  Feature.SEARCH,
  Feature.ADVANCED_FILTERS,
  Feature.DCI,
  Feature.RETRAITS,
  Feature.EXPORT_CSV,
];

export const PACKS: Readonly<Record<PackCode, PackDefinition>> = Object.freeze({
  FREE: {
    code: PackCode.FREE,
    label: 'Gratuit',
    audience: 'Grand public',
    features: [Feature.SEARCH],
    dailyLimit: 100,
    monthlyLimit: 1000,
    maxApiKeys: 1,
  },
  PRO: {
    code: PackCode.PRO,
    label: 'Pro',
    audience: 'Pharmacies',
    features: PAID_FEATURES,
    dailyLimit: null,
    monthlyLimit: null,
    maxApiKeys: 3,
  },
  INSTITUTIONNEL: {
    code: PackCode.INSTITUTIONNEL,
    label: 'Institutionnel',
    audience: 'Hôpitaux et établissements de santé',
    features: ALL_FEATURES,
    dailyLimit: null,
    monthlyLimit: null,
    maxApiKeys: 5,
  },
  DEVELOPPEUR: {
    code: PackCode.DEVELOPPEUR,
    label: 'Développeur',
    audience: 'Éditeurs de logiciels',
    features: ALL_FEATURES,
    dailyLimit: null,
    monthlyLimit: null,
    maxApiKeys: 10,
  },
});

/** Packs that include a feature, in catalogue order, as `FORBIDDEN` errors list them. */
export function packsWithFeature(feature: Feature): PackCode[] {
  return Object.values(PACKS)
    .filter((pack) => pack.features.includes(feature))
    .map((pack) => pack.code);
}
