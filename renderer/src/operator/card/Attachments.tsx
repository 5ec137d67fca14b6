import type { AppealAttachment } from '@shared/api/appeals';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../i18n/format';
import './Attachments.css';

type Copied = 'copied' | 'selected' | null;

/**
 * Copies a link, or selects it for Ctrl+C where the browser gives no clipboard (the host served
 * over plain http to another workstation is not a secure context, so navigator.clipboard is absent).
 */
async function copyLink(url: string, text: HTMLElement | null): Promise<Copied> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(url);
    return 'copied';
  } catch {
    const selection = window.getSelection();
    if (!text || !selection) return null;
    const range = document.createRange();
    range.selectNodeContents(text);
    selection.removeAllRanges();
    selection.addRange(range);
    return 'selected';
  }
}

function Attachment({ file, index }: { file: AppealAttachment; index: number }) {
  const { t } = useTranslation('operator');
  const urlRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<Copied>(null);
  return (
    <li data-testid="card-attachment" data-index={index}>
      <span className="attachment-name" data-testid="attachment-name">{file.name}</span>
      {file.size !== null && <span className="muted" data-testid="attachment-size"> · {formatBytes(file.size)}</span>}
      {file.mime && <span className="muted"> · {file.mime}</span>}
      {/* The link as text, never as an <img> or a fetch: the window may not reach outside the app. */}
      <code className="attachment-url" ref={urlRef} data-testid="attachment-url">
        {file.url}
      </code>
      <button type="button" className="link" data-testid="attachment-copy" data-copied={copied ?? undefined} onClick={() => void copyLink(file.url, urlRef.current).then(setCopied)}>
        {t('card.copyLink')}
      </button>
      {copied && (
        <span className="muted" role="status">
          {t(copied === 'copied' ? 'card.linkCopied' : 'card.linkSelected')}
        </span>
      )}
    </li>
  );
}

export function Attachments({ list }: { list: readonly AppealAttachment[] }) {
  const { t } = useTranslation('operator');
  if (list.length === 0) return <span className="muted">{t('card.noAttachments')}</span>;
  return (
    <ul className="attachments" data-testid="card-attachments">
      {list.map((file, i) => (
        <Attachment key={`${i}:${file.url}`} file={file} index={i} />
      ))}
    </ul>
  );
}
