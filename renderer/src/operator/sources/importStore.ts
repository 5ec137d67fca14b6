import type { ImportPreview, ImportProgress } from '@shared/api/imports';
import { create } from 'zustand';
import type { ApiClient } from '../../api/client';

export type ImportStep =
  | { kind: 'choose' }
  | { kind: 'uploading'; done: number; total: number }
  | { kind: 'mapping'; uploadId: string; preview: ImportPreview }
  | { kind: 'importing'; uploadId: string; progress: ImportProgress };

interface ImportUi {
  step: ImportStep;
  file: { name: string; size: number } | null;
  setStep(step: ImportStep): void;
  setFile(file: { name: string; size: number } | null): void;
}

/** Outside the component: a million-row import takes minutes, and the supervisor may switch tabs meanwhile. */
export const useImportUi = create<ImportUi>((set) => ({
  step: { kind: 'choose' },
  file: null,
  setStep: (step) => set({ step }),
  setFile: (file) => set({ file }),
}));

let stopTracking: (() => void) | null = null;

/** Follows one upload's progress events until its import ends, whether or not the panel is on screen. */
export function trackImport(client: ApiClient, uploadId: string): void {
  untrackImport();
  const off = client.listen('import:progress', (progress) => {
    if (progress.uploadId !== uploadId) return;
    useImportUi.getState().setStep({ kind: 'importing', uploadId, progress });
    if (progress.state !== 'running') untrackImport();
  });
  stopTracking = off;
}

export function untrackImport(): void {
  stopTracking?.();
  stopTracking = null;
}
