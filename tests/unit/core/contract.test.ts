import { describe, expect, it } from 'vitest';
import { ContractError, eventsForRole, methods, methodsForRole, parseArg } from '../../../shared/api';
import { Registry } from '../../../electron/core/rpc';

describe('the contract at the boundary', () => {
  it('rejects malformed arguments with a message naming the field', () => {
    expect(() => parseArg('appeals:query', { limit: 'ten' })).toThrow(ContractError);
    expect(() => parseArg('appeals:query', { limit: 'ten' })).toThrow(/appeals:query: limit: .*number/);
    expect(() => parseArg('appeals:query', { filter: { statuses: ['lost'] } })).toThrow(/filter\.statuses\.0/);
    expect(() => parseArg('appeals:get', { id: -3 })).toThrow(/id/);
    expect(() => parseArg('appeals:query', { unexpected: true })).toThrow(/unrecognized key/i);
  });

  it('fills defaults for what a caller leaves out', () => {
    expect(parseArg('appeals:query', {})).toEqual({ filter: {}, sort: 'received', offset: 0, limit: 100 });
  });

  it('refuses unknown methods and methods outside the caller role', async () => {
    const registry = new Registry();
    registry.register({ 'appeals:get': () => { throw new Error('must not run'); } });
    await expect(registry.call('appeals:drop', {}, { role: 'operator' })).rejects.toMatchObject({ code: 'bad-method' });
    await expect(registry.call('appeals:get', { id: 1 }, { role: 'wall' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(registry.call('appeals:get', { id: 'x' }, { role: 'operator' })).rejects.toMatchObject({ code: 'bad-argument' });
  });

  it('refuses a handler registered twice', () => {
    const registry = new Registry();
    registry.register({ 'sync:status': () => [] });
    expect(() => registry.register({ 'sync:status': () => [] })).toThrow(/registered twice/);
  });

  it('keeps the wall read-only and away from appeal texts', () => {
    const wall = methodsForRole('wall');
    expect(wall).not.toContain('appeals:query');
    expect(wall).not.toContain('appeals:get');
    expect(wall.every((name) => !name.endsWith(':set') && name !== 'wall:show')).toBe(true);
    expect(eventsForRole('wall')).toContain('db:changed');
  });

  it('names every method domain:verb', () => {
    for (const name of Object.keys(methods)) expect(name).toMatch(/^[a-z]+:[a-z][a-zA-Z]*$/);
  });
});
