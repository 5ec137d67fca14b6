/**
 * The app's readiness signal on <html data-app-state>: end-to-end tests and kiosk watchdogs wait for
 * "ready" instead of sleeping.
 */
export type AppState = 'loading' | 'ready' | 'error';

export function setAppState(state: AppState): void {
  document.documentElement.dataset.appState = state;
}
