import type { SessionUser } from '@shared/api/operator';
import { createContext, useContext } from 'react';
import { getClient } from '../api/client';

export const client = getClient('operator');

export const UserContext = createContext<SessionUser | null>(null);

/** The signed-in user; components below the login screen always have one. */
export function useUser(): SessionUser {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser outside a signed-in workstation');
  return user;
}

export const canWrite = (user: SessionUser): boolean => user.role !== 'viewer';

const TOKEN_KEY = 'cur.operator.session';
export const savedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const saveToken = (token: string | null): void => {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
};
