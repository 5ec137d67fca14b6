import type { Migration } from '../migrate';
import { m0001 } from './0001-init';

/** Every migration, in order. Never edit one that has shipped: add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [m0001];
