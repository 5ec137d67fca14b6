import type { Migration } from '../migrate';
import { m0001 } from './0001-init';
import { m0002 } from './0002-outbox';

/** Every migration, in order. Never edit one that has shipped: add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002];
