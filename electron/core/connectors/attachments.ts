import type { AttachmentInput } from '../db/attachments';

/** More than a source's own cap (ПОС: 50) is not a list of files, and the card would not show it anyway. */
const MAX_ATTACHMENTS = 50;
const MAX_URL = 2000;
const MAX_NAME = 255;

/**
 * The link as stored, or null when it is not an absolute http(s) URL. Anything else (javascript:,
 * data:, file:, a relative path) could run or read something on the operator's machine if ever
 * opened, and the source could not have meant it as a download.
 */
export function safeUrl(raw: string | null | undefined): string | null {
  const text = raw?.trim();
  if (!text || text.length > MAX_URL) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The last path segment, decoded: the file name a link most likely carries. */
export function nameOfUrl(url: string): string {
  const path = new URL(url).pathname;
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || new URL(url).hostname;
  } catch {
    return last || new URL(url).hostname;
  }
}

/**
 * A source's attachment list, keeping only links that are safe to show. An unsafe link is dropped
 * and the appeal kept: a bad link is no reason to lose a resident's message, and quarantining the
 * record would hide the whole appeal from the operators. The count of dropped links is returned for
 * the caller's tests and logs.
 */
export function safeAttachments(list: readonly { name?: string | null; url?: string | null; size?: number | null; mime?: string | null }[]): {
  attachments: AttachmentInput[];
  dropped: number;
} {
  const attachments: AttachmentInput[] = [];
  let dropped = 0;
  for (const a of list) {
    const url = safeUrl(a.url);
    if (!url || attachments.length >= MAX_ATTACHMENTS) {
      dropped++;
      continue;
    }
    const size = typeof a.size === 'number' && Number.isSafeInteger(a.size) && a.size >= 0 ? a.size : null;
    const name = (a.name?.trim() || nameOfUrl(url)).slice(0, MAX_NAME);
    attachments.push({ name, url, size, mime: a.mime?.trim() || null });
  }
  return { attachments, dropped };
}
