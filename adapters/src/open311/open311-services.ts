import { HOTLINE_CATEGORIES, type HotlineCategory, type HotlineKind } from '../simulators/hotline.catalogue';

/** GET services: one GeoReport v2 service per leaf of our 3-level ticket catalogue. */
export interface Open311ServiceRecord {
  /** The 6-digit category code (GB/T 39666 style), e.g. `010101`; a string, so leading zeros stay. */
  service_code: string;
  service_name: string;
  description: string;
  /** No extra form fields: our services need no service definition call. */
  metadata: false;
  /** The service_request_id is returned by the POST itself. */
  type: 'realtime';
  /** Comma-separated: the three levels, so 市政设施 finds every municipal-facility service. */
  keywords: string;
  /** The level-1 name, e.g. 城乡建设. */
  group: string;
}

function toService(category: HotlineCategory): Open311ServiceRecord {
  const [group, subgroup, name] = category.path;
  return {
    service_code: category.code,
    service_name: name,
    description: category.path.join('/'),
    metadata: false,
    type: 'realtime',
    keywords: [name, subgroup, group].join(','),
    group,
  };
}

export const OPEN311_SERVICES: readonly Open311ServiceRecord[] = HOTLINE_CATEGORIES.map(toService);

const byCode = new Map(HOTLINE_CATEGORIES.map((category) => [category.code, category]));

export function findOpen311Category(serviceCode: string): HotlineCategory | undefined {
  return byCode.get(serviceCode);
}

export function findOpen311Service(serviceCode: string): Open311ServiceRecord | undefined {
  const category = byCode.get(serviceCode);
  return category ? toService(category) : undefined;
}

/** GET services/{code}: `{ service_code, attributes: [] }` — our services have no attributes. */
export function open311ServiceDefinition(serviceCode: string): { service_code: string; attributes: [] } | undefined {
  return byCode.has(serviceCode) ? { service_code: serviceCode, attributes: [] } : undefined;
}

/** The kind a citizen most often means with this category (Open311 has no 诉求类型). */
export function dominantKind(category: HotlineCategory): HotlineKind {
  let best = category.kinds[0];
  for (const entry of category.kinds) if (entry[1] > best[1]) best = entry;
  return best[0];
}
