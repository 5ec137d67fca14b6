import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CsvMapping,
  FILE_IMPORT_KINDS,
  IMPORT_CHUNK_BYTES,
  type ImportEncoding,
  type ImportProgress,
  MAPPING_FIELDS,
  REQUIRED_MAPPING_FIELDS,
} from '@shared/api/imports';
import type { ApiClient } from '../../api/client';
import { useContract } from '../../common/useContract';
import { formatBytes, formatNumber, formatPercent } from '../../i18n/format';
import { useUser } from '../session';
import { initialMapping, type MappingDraft, toMapping } from './guessMapping';
import { trackImport, untrackImport, useImportUi } from './importStore';
import './FileImport.css';

/** A chunk of the file as base64, through FileReader: no large string concatenation in JS. */
function readBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** Uploading a hotline export, mapping its columns and importing it, with progress and cancel. Supervisors only. */
export function FileImport({ client }: { client: ApiClient }) {
  const user = useUser();
  if (user.role !== 'supervisor') return null;
  return <FileImportForm client={client} />;
}

function FileImportForm({ client }: { client: ApiClient }) {
  const { t } = useTranslation('operator');
  const sources = useContract(client, 'sync:status', {}, []);
  const fileSources = useMemo(
    () => (sources.data ?? []).filter((s) => FILE_IMPORT_KINDS.includes(s.kind)),
    [sources.data],
  );
  const [file, setFile] = useState<File | null>(null);
  const [sourceId, setSourceId] = useState('');
  const [encoding, setEncoding] = useState<ImportEncoding>('utf-8');
  const step = useImportUi((s) => s.step);
  const setStep = useImportUi((s) => s.setStep);
  const uploaded = useImportUi((s) => s.file);
  // Back on the tab in the middle of mapping: start the form again from the file's columns.
  const [initial] = useState(() =>
    step.kind === 'mapping'
      ? initialMapping(step.preview.columns, step.preview.mapping)
      : { draft: {}, fromSaved: false },
  );
  const [draft, setDraft] = useState<MappingDraft>(initial.draft);
  const [fromSaved, setFromSaved] = useState(initial.fromSaved);
  const [error, setError] = useState<string | null>(null);
  const source = sourceId || fileSources[0]?.id || '';
  const format = file?.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';

  const fail = (e: unknown) => setError(t('import.failed', { message: (e as Error).message }));

  const upload = async () => {
    if (!file || !source) return;
    setError(null);
    useImportUi.getState().setFile({ name: file.name, size: file.size });
    try {
      const { uploadId: id } = await client.invoke('import:begin', {
        fileName: file.name,
        size: file.size,
        format,
        encoding: format === 'csv' ? encoding : undefined,
        sourceId: source,
      });
      for (let offset = 0; offset < file.size; offset += IMPORT_CHUNK_BYTES) {
        setStep({ kind: 'uploading', done: offset, total: file.size });
        const data = await readBase64(file.slice(offset, offset + IMPORT_CHUNK_BYTES));
        await client.invoke('import:chunk', { uploadId: id, offset, data });
      }
      const preview = await client.invoke('import:preview', { uploadId: id });
      const initial = initialMapping(preview.columns, preview.mapping);
      setDraft(initial.draft);
      setFromSaved(initial.fromSaved);
      // Subscribed before the start: the first progress event comes with the start's answer.
      trackImport(client, id);
      setStep({ kind: 'mapping', uploadId: id, preview });
    } catch (e) {
      fail(e);
      setStep({ kind: 'choose' });
    }
  };

  const start = async (id: string, mapping: CsvMapping) => {
    setError(null);
    try {
      await client.invoke('import:start', { uploadId: id, mapping });
    } catch (e) {
      fail(e);
    }
  };

  const cancel = async (id: string) => {
    try {
      await client.invoke('import:cancel', { uploadId: id });
    } catch {
      // Already finished: the last progress event tells the outcome.
    }
    if (step.kind === 'mapping') {
      untrackImport();
      setStep({ kind: 'choose' });
    }
  };

  const reset = () => {
    untrackImport();
    setStep({ kind: 'choose' });
    setFile(null);
    setError(null);
  };

  const saved = step.kind === 'mapping' ? step.preview.mapping : null;
  const mapping = toMapping(draft, saved);

  return (
    <section className="file-import" data-testid="file-import" data-step={step.kind}>
      <h3>{t('import.title')}</h3>
      {uploaded && step.kind !== 'choose' && (
        <p className="file-import-file" data-testid="import-file-name">
          {uploaded.name} · {formatBytes(uploaded.size)}
        </p>
      )}
      {step.kind === 'choose' && (
        <div className="file-import-choose">
          <label className="field">
            {t('import.file')}
            <input
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="import-file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <label className="field">
            {t('import.source')}
            <select value={source} onChange={(e) => setSourceId(e.target.value)} data-testid="import-source">
              {fileSources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('import.encoding')}
            <select
              value={encoding}
              disabled={format === 'xlsx'}
              onChange={(e) => setEncoding(e.target.value as ImportEncoding)}
              data-testid="import-encoding"
            >
              <option value="utf-8">UTF-8</option>
              <option value="windows-1251">Windows-1251</option>
            </select>
          </label>
          <button type="button" disabled={!file || !source} onClick={() => void upload()} data-testid="import-upload">
            {t('import.upload')}
          </button>
        </div>
      )}

      {step.kind === 'uploading' && (
        <div className="file-import-progress">
          <progress max={step.total} value={step.done} data-testid="import-upload-progress" />
          <span>{t('import.uploading', { done: formatBytes(step.done), total: formatBytes(step.total) })}</span>
        </div>
      )}

      {step.kind === 'mapping' && (
        <div className="file-import-mapping" data-testid="import-mapping">
          <h4>{t('import.mappingTitle')}</h4>
          <p className="muted">{fromSaved ? t('import.savedMapping') : t('import.mappingHint')}</p>
          <div className="file-import-fields">
            {MAPPING_FIELDS.map((field) => (
              <label key={field} className="field">
                <span>
                  {t(`import.fields.${field}`)}
                  {REQUIRED_MAPPING_FIELDS.includes(field) && <em> · {t('import.required')}</em>}
                </span>
                <select
                  value={draft[field] ?? ''}
                  onChange={(e) => setDraft((d) => ({ ...d, [field]: e.target.value || undefined }))}
                  data-testid={`import-map-${field}`}
                >
                  <option value="">{t('import.none')}</option>
                  {step.preview.columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <h4>{t('import.preview')}</h4>
          <div className="file-import-preview">
            <table data-testid="import-preview">
              <thead>
                <tr>
                  {step.preview.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {step.preview.rows.map((row, i) => (
                  <tr key={i}>
                    {step.preview.columns.map((c) => (
                      <td key={c}>{row[c] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="file-import-actions">
            <button
              type="button"
              className="primary"
              disabled={!mapping}
              onClick={() => mapping && void start(step.uploadId, mapping)}
              data-testid="import-start"
            >
              {t('import.start')}
            </button>
            <button type="button" onClick={() => void cancel(step.uploadId)} data-testid="import-cancel">
              {t('import.cancel')}
            </button>
          </div>
        </div>
      )}

      {step.kind === 'importing' && (
        <ImportStatus progress={step.progress} onCancel={() => void cancel(step.uploadId)} onAgain={reset} />
      )}

      {error && (
        <p className="file-import-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
    </section>
  );
}

function ImportStatus({
  progress,
  onCancel,
  onAgain,
}: {
  progress: ImportProgress;
  onCancel: () => void;
  onAgain: () => void;
}) {
  const { t } = useTranslation('operator');
  const share = progress.totalBytes ? Math.min(1, progress.bytes / progress.totalBytes) : null;
  const running = progress.state === 'running';
  return (
    <div className="file-import-progress" data-testid="import-progress" data-state={progress.state}>
      <div className={`file-import-state file-import-state-${progress.state}`} data-testid="import-state">
        {t(`import.states.${progress.state}`, { error: progress.error ?? '' })}
        {share !== null && running && <span> · {formatPercent(share)}</span>}
      </div>
      {/* An indeterminate bar (no value) when the total is unknown. */}
      <progress max={1} value={running ? (share ?? undefined) : 1} />
      <dl className="file-import-counts">
        <dt>{t('import.rows')}</dt>
        <dd data-testid="import-rows">{formatNumber(progress.rows)}</dd>
        <dt>{t('import.stored')}</dt>
        <dd data-testid="import-stored">{formatNumber(progress.stored)}</dd>
        <dt>{t('import.quarantined')}</dt>
        <dd data-testid="import-quarantined">{formatNumber(progress.quarantined)}</dd>
      </dl>
      <div className="file-import-actions">
        {running ? (
          <button type="button" onClick={onCancel} data-testid="import-cancel">
            {t('import.cancel')}
          </button>
        ) : (
          <button type="button" onClick={onAgain} data-testid="import-again">
            {t('import.again')}
          </button>
        )}
      </div>
    </div>
  );
}
