import type { AppealCard as Card } from '@shared/api/appeals';
import type { Appeal } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { useContract } from '../../common/useContract';
import { formatDateTime, formatDuration, formatNumber } from '../../i18n/format';
import { ActionPanel } from '../actions/ActionPanel';
import { deadlineState } from '../queue/deadline';
import { client, useUser } from '../session';
import { useUi } from '../store';
import { useLookup } from '../useReference';
import { useNow } from '../useNow';
import { Attachments } from './Attachments';
import { CopyLink } from './CopyLink';
import { MiniMap } from './MiniMap';
import { useCard } from './useCard';

function Deadline({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation('operator');
  const now = useNow(15_000);
  if (appeal.deadlineAt === null) return <>{t('card.noDeadline')}</>;
  const state = deadlineState(appeal, now);
  const left = (appeal.deadlineAt - now) / 60_000;
  return (
    <span className={`deadline deadline-${state}`} data-testid="card-deadline">
      {formatDateTime(appeal.deadlineAt)}
      {state === 'overdue' && ` — ${t('queue.overdueBy', { time: formatDuration(-left) })}`}
      {(state === 'soon' || state === 'ok') && ` — ${t('queue.dueIn', { time: formatDuration(left) })}`}
    </span>
  );
}

function describeEvent(kind: string, data: string | null, lookup: ReturnType<typeof useLookup>, t: (k: string) => string): string {
  if (!data) return '';
  try {
    const d = JSON.parse(data) as Record<string, unknown>;
    if (kind === 'writeback-delivered' && (d.action === 'answer' || d.action === 'status')) {
      return d.action === 'status' && typeof d.status === 'string' ? `${t('card.delivered.status')} «${t(`common:status.${d.status}`)}»` : t(`card.delivered.${d.action}`);
    }
    if (kind === 'assigned' && typeof d.to === 'string') return lookup.agency.get(d.to) ?? d.to;
    if (kind === 'status' && typeof d.to === 'string') return `${t(`common:status.${String(d.from)}`)} → ${t(`common:status.${d.to}`)}`;
    if (kind === 'answered' && typeof d.text === 'string') return d.text;
    if (kind === 'categorized' && typeof d.to === 'string') return lookup.category.get(d.to)?.name ?? d.to;
    if (kind === 'duplicate') return `№${String(d.of)}`;
    if (kind === 'duplicate-linked') return `№${String(d.duplicate)}`;
    if (typeof d.status === 'string') return t(`common:status.${d.status}`);
  } catch {
    // Events written by other versions may carry free text.
  }
  return data;
}

function Duplicates({ id }: { id: number }) {
  const { t } = useTranslation('operator');
  const select = useUi((s) => s.select);
  const list = useContract(client, 'appeals:duplicates', { id }, ['db:changed'], 2000);
  if (!list.data) return null;
  if (list.data.length === 0) return <p className="muted">{t('card.noDuplicates')}</p>;
  return (
    <ul className="dups" data-testid="card-duplicates">
      {list.data.map((a) => (
        <li key={a.id}>
          <button type="button" className="link" onClick={() => select(a.id)}>
            №{a.id}
          </button>{' '}
          {formatDateTime(a.receivedAt)} — {a.text}
        </li>
      ))}
    </ul>
  );
}

/** The appeal's page at its source, as text to copy: the window itself never opens it. */
function SourceLink({ url }: { url: string | null }) {
  const { t } = useTranslation('operator');
  const user = useUser();
  if (url) return <CopyLink url={url} urlTestId="card-source-url" copyTestId="card-source-url-copy" />;
  // The core sends no link to a viewer (it can name the author); say why the row is empty.
  return <span className="muted">{t(user.role === 'viewer' ? 'card.authorHidden' : 'card.noSourceUrl')}</span>;
}

function CardBody({ card, reload }: { card: Card; reload: () => void }) {
  const { t } = useTranslation('operator');
  const lookup = useLookup();
  const { appeal } = card;
  const category = appeal.categoryId ? lookup.category.get(appeal.categoryId) : undefined;
  const row = (label: string, value: React.ReactNode, testId?: string) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
  return (
    <article className="card" data-testid="card" data-id={appeal.id} data-version={appeal.version}>
      <header>
        <h2>
          №{formatNumber(appeal.id)} <span className={`status status-${appeal.status}`} data-testid="card-status" data-status={appeal.status}>{t(`common:status.${appeal.status}`)}</span>
          {appeal.escalated && <span className="flag" data-testid="card-escalated"> ★ {t('card.escalated')}</span>}
        </h2>
        <span className="muted">{t('card.version', { version: appeal.version })}</span>
      </header>
      <p className="full-text" data-testid="card-text">{appeal.text}</p>
      {card.duplicateOf !== null && <p className="note">{t('card.duplicateOf', { id: card.duplicateOf })}</p>}
      {card.duplicateIds.length > 0 && <p className="note">{t('card.hasDuplicates', { ids: card.duplicateIds.map((d) => `№${d}`).join(', ') })}</p>}
      <ActionPanel card={card} reload={reload} />
      <div className="card-grid">
        <dl>
          {row(t('card.source'), lookup.source.get(appeal.sourceId) ?? appeal.sourceId, 'card-source')}
          {row(t('card.externalId'), appeal.externalId)}
          {row(t('card.sourceUrl'), <SourceLink url={card.sourceUrl} />, 'card-source-link')}
          {row(t('card.channel'), appeal.channel)}
          {row(t('card.received'), formatDateTime(appeal.receivedAt))}
          {row(t('card.category'), category?.name ?? t('queue.noCategory'), 'card-category')}
          {row(t('card.municipality'), appeal.municipalityId ? lookup.municipality.get(appeal.municipalityId) : '—')}
          {row(t('card.address'), appeal.address ?? '—')}
          {row(t('card.agency'), appeal.agencyId ? (lookup.agency.get(appeal.agencyId) ?? appeal.agencyId) : '—', 'card-agency')}
          {row(t('card.deadline'), <Deadline appeal={appeal} />)}
          {row(
            t('card.author'),
            card.author ? [card.author.name, card.author.phone, card.author.email].filter(Boolean).join(', ') || t('card.noAuthor') : <span className="muted">{t('card.authorHidden')}</span>,
            'card-author',
          )}
          {row(t('card.attachments'), <Attachments list={card.attachments} />)}
        </dl>
        <MiniMap regionId={lookup.ref.region.id} municipalityId={appeal.municipalityId} lon={appeal.lon} lat={appeal.lat} />
      </div>
      <h3>{t('card.timeline')}</h3>
      <ol className="timeline" data-testid="card-timeline">
        {card.events.map((e) => (
          <li key={e.id} data-kind={e.kind}>
            <time>{formatDateTime(e.at)}</time> <strong>{t(`events.${e.kind}`, { defaultValue: e.kind })}</strong>
            {e.actor && <span className="muted"> · {e.actor}</span>}
            <div className="event-data">{describeEvent(e.kind, e.data, lookup, (k) => t(k))}</div>
          </li>
        ))}
      </ol>
      <h3>{t('card.duplicates')}</h3>
      <Duplicates id={appeal.id} />
    </article>
  );
}

export function AppealCardPanel() {
  const { t } = useTranslation('operator');
  const id = useUi((s) => s.selectedId);
  const { card, error, reload } = useCard(id);
  if (id === null) return <p className="card-empty muted">{t('card.empty')}</p>;
  if (error) return <p role="alert">{t('common:error', { message: error.message })}</p>;
  if (!card) return <p className="muted">{t('common:loading')}</p>;
  return <CardBody card={card} reload={reload} />;
}
