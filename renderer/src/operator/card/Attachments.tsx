import type { AppealAttachment } from '@shared/api/appeals';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../i18n/format';
import { CopyLink } from './CopyLink';
import './Attachments.css';

function Attachment({ file, index }: { file: AppealAttachment; index: number }) {
  return (
    <li data-testid="card-attachment" data-index={index}>
      <span className="attachment-name" data-testid="attachment-name">{file.name}</span>
      {file.size !== null && <span className="muted" data-testid="attachment-size"> · {formatBytes(file.size)}</span>}
      {file.mime && <span className="muted"> · {file.mime}</span>}
      <CopyLink url={file.url} urlTestId="attachment-url" copyTestId="attachment-copy" />
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
