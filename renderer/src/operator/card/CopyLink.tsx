import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './CopyLink.css';

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

/**
 * A link shown as text with a button that copies it. Never an <a>, <img> or fetch: the window
 * may not reach outside the app, so the operator pastes the link into a browser of their own.
 */
export function CopyLink({ url, urlTestId, copyTestId }: { url: string; urlTestId: string; copyTestId: string }) {
  const { t } = useTranslation('operator');
  const urlRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<Copied>(null);
  return (
    <>
      <code className="copy-link-url" ref={urlRef} data-testid={urlTestId}>
        {url}
      </code>
      <button type="button" className="link copy-link-button" data-testid={copyTestId} data-copied={copied ?? undefined} onClick={() => void copyLink(url, urlRef.current).then(setCopied)}>
        {t('card.copyLink')}
      </button>
      {copied && (
        <span className="muted copy-link-status" role="status">
          {t(copied === 'copied' ? 'card.linkCopied' : 'card.linkSelected')}
        </span>
      )}
    </>
  );
}
