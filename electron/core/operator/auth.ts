/**
 * People and sessions. Passwords are stored as scrypt hashes, session tokens only as SHA-256
 * hashes. Through the host every connection signs in; in the Electron app the window acts as the
 * computer's local user with the role from settings.
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { ContractError } from '../../../shared/api';
import { type SessionUser, UserRole } from '../../../shared/api/operator';
import type { Db } from '../db/open';
import type { CallContext } from '../rpc';

const SESSION_MS = 12 * 3_600_000;

export function hashPassword(password: string, salt = randomBytes(16)): string {
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 32).toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

interface UserRow {
  login: string;
  name: string;
  role: string;
  sector_ids: string;
  password_hash: string;
  disabled: number;
}

const toUser = (row: UserRow): SessionUser => ({
  login: row.login,
  name: row.name,
  role: UserRole.parse(row.role),
  sectorIds: row.role === 'operator' ? (JSON.parse(row.sector_ids) as string[]) : [],
});

/**
 * The demo accounts, created once in an empty users table so that the host can be tried at once.
 * A deployment changes these passwords (or removes the accounts) before opening the host to a network.
 */
export const DEMO_USERS = [
  { login: 'supervisor', password: 'supervisor', name: 'Руководитель ЦУР', role: 'supervisor', sectorIds: [] },
  { login: 'operator', password: 'operator', name: 'Оператор ЖКХ и дорог', role: 'operator', sectorIds: ['housing', 'waste', 'roads', 'energy', 'safety'] },
  { login: 'viewer', password: 'viewer', name: 'Наблюдатель', role: 'viewer', sectorIds: [] },
] as const;

export function seedDemoUsers(db: Db, now = Date.now()): void {
  const { n } = db.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
  if (n > 0) return;
  const insert = db.prepare('INSERT INTO users (login, name, role, sector_ids, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const u of DEMO_USERS) insert.run(u.login, u.name, u.role, JSON.stringify(u.sectorIds), hashPassword(u.password), now);
  })();
}

export function upsertUser(db: Db, user: SessionUser, password: string, now = Date.now()): void {
  db.prepare(
    `INSERT INTO users (login, name, role, sector_ids, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (login) DO UPDATE SET name = excluded.name, role = excluded.role, sector_ids = excluded.sector_ids, password_hash = excluded.password_hash`,
  ).run(user.login, user.name, user.role, JSON.stringify(user.sectorIds), hashPassword(password), now);
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function login(db: Db, loginName: string, password: string, now = Date.now()): { user: SessionUser; token: string } {
  const row = db.prepare('SELECT * FROM users WHERE login = ?').get(loginName) as UserRow | undefined;
  // The same message for an unknown login and a wrong password: neither is confirmed to a guesser.
  if (!row || row.disabled === 1 || !verifyPassword(password, row.password_hash)) {
    throw new ContractError('Wrong login or password', 'forbidden');
  }
  const token = randomBytes(32).toString('base64url');
  db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now);
  db.prepare('INSERT INTO sessions (token_hash, login, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash(token), row.login, now, now + SESSION_MS);
  return { user: toUser(row), token };
}

export function resume(db: Db, token: string, now = Date.now()): SessionUser {
  const row = db
    .prepare('SELECT u.* FROM sessions s JOIN users u ON u.login = s.login WHERE s.token_hash = ? AND s.expires_at >= ? AND u.disabled = 0')
    .get(tokenHash(token), now) as UserRow | undefined;
  if (!row) throw new ContractError('The session has expired: sign in again', 'forbidden');
  return toUser(row);
}

export function logout(db: Db, token: string | undefined): void {
  if (token) db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash(token));
}

/** The local user of the Electron app: role and sectors come from settings (default: supervisor). */
export function localUser(db: Db): SessionUser {
  const get = (key: string) => (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  const role = UserRole.safeParse(get('operator.localRole'));
  const sectors = get('operator.localSectors');
  const r = role.success ? role.data : 'supervisor';
  return {
    login: 'local',
    name: get('operator.localName') ?? 'Локальный пользователь',
    role: r,
    sectorIds: r === 'operator' && sectors ? (JSON.parse(sectors) as string[]) : [],
  };
}

/** Who is acting on this call; through the host nobody acts before signing in. */
export function userOf(db: Db, ctx: CallContext): SessionUser {
  if (ctx.via !== 'host') return localUser(db);
  const user = ctx.session?.user;
  if (!user) throw new ContractError('Sign in first', 'forbidden');
  return user;
}
