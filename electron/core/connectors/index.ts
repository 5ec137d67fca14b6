import { capConnector } from './cap';
import { incidentConnector } from './incident';
import { line112Connector } from './line112';
import { open311Connector } from './open311';
import { posConnector } from './pos';
import { servicesConnector } from './services';
import type { Connector, ConnectorFormat } from './types';

export const CONNECTORS: Record<ConnectorFormat, Connector> = {
  pos: posConnector,
  incident: incidentConnector,
  line112: line112Connector,
  services: servicesConnector,
  open311: open311Connector,
  cap: capConnector,
};

/** The format a source kind speaks when sources.json does not say (the simulator's defaults). */
export const DEFAULT_FORMAT: Record<string, ConnectorFormat> = {
  incident: 'incident',
  pos: 'pos',
  portal: 'pos',
  line112: 'line112',
  hotline: 'pos',
  safecity: 'cap',
  services: 'services',
  gzhi: 'pos',
  open311: 'open311',
};

export type { Connector, ConnectorFormat } from './types';
