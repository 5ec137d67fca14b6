import type { Registry } from '../rpc';
import { type BriefingCore, type BriefingSource, createLiveBriefing } from './source';

export function registerBriefingSource(registry: Registry, source: BriefingSource): void {
  registry.register({
    'briefing:info': () => source.info(),
    'briefing:data': (arg) => source.data(arg),
    'briefing:geo': () => source.geo(),
    'briefing:snapshot': (arg) => source.snapshot(arg.passphrase),
  });
}

/** The briefing over the live cache (the workstation and the host). */
export function registerBriefing(registry: Registry, core: BriefingCore): void {
  registerBriefingSource(registry, createLiveBriefing(core));
}
