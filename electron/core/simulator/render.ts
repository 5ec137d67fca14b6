import type { RegionPack } from '../region/pack';
import { attrsOf, MAX_VERSION, type Places, type SourceLog } from './model';

export interface RenderContext {
  places: Places;
  categories: readonly string[];
  timeZone: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const STATUS_WORDS: Record<string, readonly string[]> = {
  pos: ['new', 'new', 'assigned', 'in_work', 'answered', 'closed'],
  incident: ['new', 'new', 'assigned', 'in_work', 'answered', 'closed'],
  line112: ['new', 'new', 'dispatched', 'in_progress', 'answered', 'closed'],
  open311: ['open', 'open', 'acknowledged', 'in_progress', 'responded', 'closed'],
};
const NETWORKS = ['vk', 'telegram', 'ok'];
const CALL_TYPES: Record<string, string> = { fire: 'fire', accident: 'accident', ambulance: 'medical', gas: 'gas', heating: 'utility', publicorder: 'crime', water: 'water', power: 'power' };
const SERVICES_OF_TYPE: Record<string, string[]> = { fire: ['01'], accident: ['02', '03'], medical: ['03'], gas: ['04'], crime: ['02'] };

/** One record of a project-defined feed (ПОС, Инцидент, 112) at a given version, as JSON text. */
export function renderFeedItem(ctx: RenderContext, log: SourceLog, format: string, index: number, version: number, at: number): string {
  const a = attrsOf(log, index, ctx.places, ctx.categories);
  const created = log.created.data[index]!;
  const id = `${log.id}-${index}`;
  const words = STATUS_WORDS[format] ?? STATUS_WORDS.pos!;
  const status = words[version]!;
  const answeredAt = version >= 4 ? at : null;
  if (format === 'incident') {
    return JSON.stringify({
      id,
      network: NETWORKS[index % 3],
      link: `https://vk.com/wall-${100000 + (index % 900000)}_${index}`,
      text: a.text,
      author: { name: a.author, profile: null },
      municipality_id: a.municipalityId,
      category: a.categoryId,
      registered_at: iso(created),
      answered_at: answeredAt === null ? null : iso(answeredAt),
      updated_at: iso(at),
      status,
      coordinates: { lat: a.lat, lon: a.lon },
    });
  }
  if (format === 'line112') {
    const type = CALL_TYPES[a.categoryId] ?? 'other';
    return JSON.stringify({
      card_id: id,
      type,
      description: a.text,
      address: a.address,
      coordinates: { lat: a.lat, lon: a.lon },
      municipality_id: a.municipalityId,
      received_at: iso(created),
      updated_at: iso(at),
      services: SERVICES_OF_TYPE[type] ?? ['05'],
      status,
      caller: { phone: a.phone },
    });
  }
  return JSON.stringify({
    id,
    created_at: iso(created),
    updated_at: iso(at),
    category: a.categoryId,
    subcategory: null,
    text: a.text,
    address: a.address,
    municipality_id: a.municipalityId,
    coordinates: { lat: a.lat, lon: a.lon },
    status,
    steps: version >= 2 ? [{ status: 'registered', at: iso(created) }, { status, at: iso(at) }] : [{ status: 'registered', at: iso(created) }],
    answer: answeredAt === null ? null : { text: 'Ваше обращение рассмотрено, работы запланированы.', at: iso(answeredAt) },
    rating: version === MAX_VERSION ? 1 + (index % 5) : null,
    attachments: index % 7 === 0 ? [{ name: 'photo.jpg', url: `https://pos.example/files/${index}.jpg`, size: 120_000 + (index % 1000) }] : [],
    author: { name: a.author, phone: a.phone, email: null },
    channel: 'gosuslugi',
  });
}

const xmlEscape = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Open311 GeoReport v2 service requests (current state of each), JSON or XML, as the spec shows them. */
export function renderOpen311(ctx: RenderContext, log: SourceLog, indexes: number[], format: 'json' | 'xml'): string {
  const requests = indexes.map((i) => {
    const a = attrsOf(log, i, ctx.places, ctx.categories);
    const version = log.version.data[i]!;
    const created = log.created.data[i]!;
    return {
      service_request_id: `${log.id}-${i}`,
      status: STATUS_WORDS.open311![version]!,
      status_notes: version >= 4 ? 'Работы выполнены' : null,
      service_name: a.categoryId,
      service_code: a.categoryId,
      description: a.text,
      agency_responsible: null,
      service_notice: null,
      requested_datetime: iso(created),
      updated_datetime: iso(log.updatedAtOf(i)),
      expected_datetime: iso(created + 3 * 86_400_000),
      address: a.address,
      address_id: null,
      zipcode: '603000',
      lat: a.lat,
      long: a.lon,
      media_url: null,
    };
  });
  if (format === 'json') return JSON.stringify(requests);
  const body = requests
    .map((r) => `<request>${Object.entries(r).map(([k, v]) => `<${k}>${v === null ? '' : xmlEscape(String(v))}</${k}>`).join('')}</request>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><service_requests>${body}</service_requests>`;
}

export function renderOpen311Services(ctx: RenderContext, pack: RegionPack, format: 'json' | 'xml'): string {
  const services = pack.config.categories.map((c) => ({ service_code: c.id, service_name: c.name, description: c.name, metadata: false, type: 'realtime', keywords: '', group: c.sectorId }));
  if (format === 'json') return JSON.stringify(services);
  return `<?xml version="1.0" encoding="utf-8"?><services>${services.map((s) => `<service>${Object.entries(s).map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`).join('')}</service>`).join('')}</services>`;
}

const CAP_CATEGORY: Record<string, string> = { fire: 'Fire', accident: 'Transport', snow: 'Met', air: 'Env', ambulance: 'Health', power: 'Infra', publicorder: 'Security' };

/** The CAP 1.2 message of one log entry: the first version is an Alert, later ones Update, the last a Cancel. */
export function renderCapAlert(ctx: RenderContext, log: SourceLog, n: number): string {
  const index = log.logIndex.data[n]!;
  const version = log.logVersion.data[n]!;
  const at = log.logAt.data[n]!;
  const a = attrsOf(log, index, ctx.places, ctx.categories);
  const original = `${log.id}-${index}`;
  const sender = 'apk-bg@nnov.example';
  const msgType = version <= 1 ? 'Alert' : version >= MAX_VERSION ? 'Cancel' : 'Update';
  const identifier = version <= 1 ? original : `${original}-v${version}`;
  const references = version <= 1 ? '' : `<references>${sender},${original},${iso(log.created.data[index]!)}</references>`;
  const d = 0.01;
  const polygon = `${a.lat - d},${a.lon - d} ${a.lat - d},${a.lon + d} ${a.lat + d},${a.lon + d} ${a.lat + d},${a.lon - d} ${a.lat - d},${a.lon - d}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>${sender}</sender>
  <sent>${iso(at).replace('.000Z', '+00:00').replace(/\.\d{3}Z$/, '+00:00')}</sent>
  <status>Actual</status>
  <msgType>${msgType}</msgType>
  <scope>Public</scope>${references}
  <info>
    <language>ru-RU</language>
    <category>${CAP_CATEGORY[a.categoryId] ?? 'Safety'}</category>
    <event>${a.categoryId}</event>
    <urgency>${version <= 1 ? 'Immediate' : 'Expected'}</urgency>
    <severity>${index % 5 === 0 ? 'Severe' : 'Moderate'}</severity>
    <certainty>Observed</certainty>
    <headline>${xmlEscape(a.text)}</headline>
    <area>
      <areaDesc>${xmlEscape(a.address)}</areaDesc>
      <polygon>${polygon}</polygon>
    </area>
  </info>
</alert>`;
}

export function renderCapFeed(log: SourceLog, from: number, to: number, base: string): string {
  const entries: string[] = [];
  for (let n = from; n < to; n++) {
    entries.push(`<entry><id>urn:sim:${log.id}:${n}</id><title>CAP ${n}</title><updated>${iso(log.logAt.data[n]!)}</updated><link rel="alternate" type="application/cap+xml" href="${base}/alerts/${n}.xml"/></entry>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:sim:${log.id}</id><title>АПК «Безопасный город»</title><updated>${iso(to > from ? log.logAt.data[to - 1]! : Date.now())}</updated>${entries.join('')}</feed>`;
}
