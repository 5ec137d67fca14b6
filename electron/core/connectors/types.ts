import type { AppealInput } from '../db/appeals';
import type { Locator } from './geo';

/** Where a connector fetches from and how hard it may try; resolved from sources.json. */
export interface SourceEndpoint {
  id: string;
  format: ConnectorFormat;
  baseUrl: string;
  pageSize: number;
  timeoutMs: number;
  /** Largest response body accepted, in bytes; a larger one is refused, never buffered whole. */
  maxBytes: number;
  headers: Record<string, string>;
  /** Source category (Open311 service_code, CAP category, …) → region category id: data, not code. */
  categoryMap: Record<string, string>;
  writeBack: boolean;
  enabled?: boolean;
  /** Open311 only: `json` (default) or `xml` representation. */
  variant?: 'json' | 'xml';
  /** Open311: the oldest requested_datetime to walk from, and the trailing window re-read for updates. */
  startAt?: number;
}

export const CONNECTOR_FORMATS = ['pos', 'incident', 'line112', 'services', 'open311', 'cap'] as const;
export type ConnectorFormat = (typeof CONNECTOR_FORMATS)[number];

export interface NormalizeContext {
  sourceId: string;
  locate: Locator;
  categories: ReadonlySet<string>;
  municipalities: ReadonlySet<string>;
  categoryMap: Record<string, string>;
  now: number;
}

export interface IndicatorInput {
  officeId: string;
  officeName: string;
  municipalityId: string | null;
  at: number;
  queueLength: number;
  waitMinutes: number;
  overdueServices: number;
}

/** What one raw record of a source becomes. */
export type Normalized =
  | {
      kind: 'appeal';
      appeal: AppealInput;
      /** CAP: this message's own id, which amends `appeal.externalId`. */
      alias?: string;
      /** Only status and time are news (a CAP Cancel): content comes from what the cache holds. */
      partial?: boolean;
    }
  | { kind: 'indicator'; indicator: IndicatorInput }
  | { kind: 'skip'; reason: string }
  | { kind: 'invalid'; reason: string };

/** One raw record and its text, kept for the quarantine (the raw payload must survive as received). */
export interface RawRecord {
  value: unknown;
  text: string;
}

export interface Page {
  records: RawRecord[];
  /** Records that failed before they could be parsed (a truncated alert, a malformed entry). */
  rejected: { reason: string; raw: string }[];
  /** Cursor to store with this page's batch, in the same transaction. */
  cursor: string | null;
  /** More is waiting: fetch again at once instead of after the interval. */
  more: boolean;
}

export interface OutboxDelivery {
  externalId: string;
  action: 'status' | 'answer';
  payload: unknown;
  idempotencyKey: string;
}

export interface Connector {
  format: ConnectorFormat;
  fetchPage(endpoint: SourceEndpoint, cursor: string | null, signal: AbortSignal, now: number): Promise<Page>;
  normalize(value: unknown, ctx: NormalizeContext): Normalized;
  /** Present when the source accepts write-back; resolves when the source acknowledged. */
  writeBack?(endpoint: SourceEndpoint, delivery: OutboxDelivery, signal: AbortSignal): Promise<void>;
}
