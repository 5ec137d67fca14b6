import type { Migration } from '../migrate';
import { m0001 } from './0001-init';
import { m0002 } from './0002-outbox';
import { m0003 } from './0003-sync';
import { m0004 } from './0004-operator';
import { m0005 } from './0005-rollups';
import { m0006 } from './0006-attachments';
import { m0007 } from './0007-fold';
import { m0008 } from './0008-source-link';
import { m0009 } from './0009-rollups-cell-brief';
import { m0010 } from './0010-quarantine-origin';

/** Every migration, in order. Never edit one that has shipped: add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010];
