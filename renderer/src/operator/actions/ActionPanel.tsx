import type { AppealCard } from '@shared/api/appeals';
import { STATUS_TRANSITIONS, WRITE_BACK_KINDS } from '@shared/api/operator';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContract } from '../../common/useContract';
import { canWrite, client, useUser } from '../session';
import { useUi } from '../store';
import { useLookup } from '../useReference';
import { useAction } from './useAction';

/** The actions on the open appeal. The core enforces every rule; this panel only offers what can succeed. */
export function ActionPanel({ card, reload }: { card: AppealCard; reload: () => void }) {
  const { t } = useTranslation('operator');
  const user = useUser();
  const lookup = useLookup();
  const dialog = useUi((s) => s.dialog);
  const openDialog = useUi((s) => s.openDialog);
  const { appeal } = card;
  const { run, outcome, busy, clear } = useAction(reload);
  const sources = useContract(client, 'sync:status', {}, []);
  const writeBack = WRITE_BACK_KINDS.includes(sources.data?.find((s) => s.id === appeal.sourceId)?.kind ?? '');

  const suggestions = useContract(client, 'routing:suggest', { id: appeal.id }, []);
  const templates = useContract(client, 'appeals:templates', { categoryId: appeal.categoryId }, []);
  const [agency, setAgency] = useState('');
  const [answer, setAnswer] = useState('');
  const [original, setOriginal] = useState('');
  const firstField = useRef<HTMLElement | null>(null);
  const change = { id: appeal.id, version: appeal.version };

  // Clear leftovers when another appeal opens; focus the dialog's first field when one opens.
  const [shownId, setShownId] = useState(appeal.id);
  if (shownId !== appeal.id) {
    setShownId(appeal.id);
    setAgency('');
    setAnswer('');
    setOriginal('');
    clear();
  }
  useEffect(() => {
    firstField.current?.focus();
  }, [dialog]);

  if (!canWrite(user)) return <p className="read-only" data-testid="read-only">{t('readOnly')}</p>;

  const suggested = suggestions.data?.[0]?.agencyId ?? '';
  const close = () => openDialog(null);

  return (
    <section className="actions" data-testid="actions">
      <div className="buttons">
        <button type="button" data-testid="action-assign" onClick={() => openDialog('assign')}>{t('actions.assign')}</button>
        <button type="button" data-testid="action-status" onClick={() => openDialog('status')}>{t('actions.status')}</button>
        <button type="button" data-testid="action-answer" onClick={() => openDialog('answer')} disabled={!STATUS_TRANSITIONS[appeal.status].includes('answered')}>
          {t('actions.answer')}
        </button>
        <button
          type="button"
          data-testid="action-escalate"
          disabled={busy}
          onClick={() => void run(appeal.id, () => client.invoke('appeals:escalate', { ...change, escalated: !appeal.escalated }))}
        >
          {appeal.escalated ? t('actions.deescalate') : t('actions.escalate')}
        </button>
        <button type="button" data-testid="action-duplicate" onClick={() => openDialog('duplicate')}>{t('actions.duplicate')}</button>
        <button
          type="button"
          data-testid="action-wall"
          onClick={() => void run(appeal.id, () => client.invoke('wall:show', { kind: 'appeal', id: String(appeal.id), seconds: 60 }), t('actions.wallSent'))}
        >
          {t('actions.wall')}
        </button>
        <label className="field inline">
          <span>{t('actions.category')}</span>
          <select
            value={appeal.categoryId ?? ''}
            data-testid="action-category"
            onChange={(e) => void run(appeal.id, () => client.invoke('appeals:categorize', { ...change, categoryId: e.target.value }))}
          >
            {appeal.categoryId === null && <option value="">{t('queue.noCategory')}</option>}
            {lookup.ref.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>

      {dialog === 'assign' && (
        <form
          className="dialog"
          data-testid="dialog-assign"
          onSubmit={(e) => {
            e.preventDefault();
            void run(appeal.id, () => client.invoke('appeals:assign', { ...change, agencyId: agency || suggested })).then((ok) => ok && close());
          }}
        >
          <label className="field">
            <span>{t('actions.assignTo')}</span>
            <select ref={(el) => void (firstField.current = el)} value={agency || suggested} onChange={(e) => setAgency(e.target.value)} data-testid="assign-agency">
              {suggestions.data?.map((s) => (
                <option key={`s-${s.agencyId}`} value={s.agencyId}>
                  ★ {lookup.agency.get(s.agencyId) ?? s.agencyId} — {t(`actions.reason.${s.reason}`)}
                </option>
              ))}
              {lookup.ref.agencies
                .filter((a) => !suggestions.data?.some((s) => s.agencyId === a.id))
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
            </select>
          </label>
          <button type="submit" disabled={busy} data-testid="assign-submit">{t('actions.save')}</button>
          <button type="button" className="link" onClick={close}>{t('actions.cancel')}</button>
        </form>
      )}

      {dialog === 'status' && (
        <div className="dialog" data-testid="dialog-status">
          {STATUS_TRANSITIONS[appeal.status].map((to, i) => (
            <button
              key={to}
              type="button"
              ref={i === 0 ? (el) => void (firstField.current = el) : undefined}
              data-testid={`status-to-${to}`}
              disabled={busy}
              onClick={() => void run(appeal.id, () => client.invoke('appeals:transition', { ...change, to })).then((ok) => ok && close())}
            >
              {t(`actions.to.${to}`)}
            </button>
          ))}
          <button type="button" className="link" onClick={close}>{t('actions.cancel')}</button>
        </div>
      )}

      {dialog === 'answer' && (
        <form
          className="dialog answer"
          data-testid="dialog-answer"
          onSubmit={(e) => {
            e.preventDefault();
            void run(appeal.id, () => client.invoke('appeals:answer', { ...change, text: answer })).then((ok) => {
              if (ok) {
                setAnswer('');
                close();
              }
            });
          }}
        >
          <label className="field">
            <span>{t('actions.template')}</span>
            <select value="" onChange={(e) => setAnswer(templates.data?.find((x) => x.id === e.target.value)?.text ?? answer)} data-testid="answer-template">
              <option value="">—</option>
              {templates.data?.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                </option>
              ))}
            </select>
          </label>
          <textarea
            ref={(el) => void (firstField.current = el)}
            rows={5}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            placeholder={t('actions.answerText')}
            aria-label={t('actions.answerText')}
            data-testid="answer-text"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) (e.currentTarget.form as HTMLFormElement).requestSubmit();
            }}
          />
          <p className="muted">{writeBack ? t('actions.writeBack') : t('actions.noWriteBack')}</p>
          <button type="submit" disabled={busy || !answer.trim()} data-testid="answer-submit">{t('actions.send')}</button>
          <button type="button" className="link" onClick={close}>{t('actions.cancel')}</button>
        </form>
      )}

      {dialog === 'duplicate' && (
        <form
          className="dialog"
          data-testid="dialog-duplicate"
          onSubmit={(e) => {
            e.preventDefault();
            void run(appeal.id, () => client.invoke('appeals:duplicate', { ...change, originalId: Number(original) })).then((ok) => ok && close());
          }}
        >
          <label className="field">
            <span>{t('actions.duplicateOf')}</span>
            <input ref={(el) => void (firstField.current = el)} inputMode="numeric" value={original} onChange={(e) => setOriginal(e.target.value.replace(/\D/g, ''))} data-testid="duplicate-of" />
          </label>
          <button type="submit" disabled={busy || !original} data-testid="duplicate-submit">{t('actions.markDuplicate')}</button>
          <button type="button" className="link" onClick={close}>{t('actions.cancel')}</button>
        </form>
      )}

      {outcome && (
        <p role={outcome.kind === 'ok' ? 'status' : 'alert'} className={`outcome ${outcome.kind}`} data-testid={outcome.kind === 'conflict' ? 'conflict' : 'action-outcome'}>
          {outcome.text}
        </p>
      )}
    </section>
  );
}
