import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal';
import { notesCollection } from '../testing/harness';
import type { SyncCollection } from './collections';
import { canRead, canWrite, ownerFits, type DocScope } from './scope';

const rep: Principal = { userId: 'r1', email: 'r1@x', role: 'rep', teamId: 'A' };
const manager: Principal = { userId: 'm1', email: 'm1@x', role: 'manager', teamId: 'A' };
const admin: Principal = { userId: 'x', email: 'x@x', role: 'admin', teamId: null };
const doc = (ownerId: string, teamId: string, visibility: string | null = null): DocScope => ({ ownerId, teamId, visibility });
const org: SyncCollection = { ...notesCollection, read: 'team', write: 'team-manager' };
const catalog: SyncCollection = { ...notesCollection, read: 'company', write: 'admin' };
const managed: SyncCollection = { ...notesCollection, read: 'company', write: 'manager' };

describe('scope rules', () => {
  it('reps read their own and team-shared records only', () => {
    expect(canRead(rep, notesCollection, doc('r1', 'A'))).toBe(true);
    expect(canRead(rep, notesCollection, doc('r2', 'A'))).toBe(false);
    expect(canRead(rep, notesCollection, doc('r2', 'A', 'team'))).toBe(true);
    expect(canRead(rep, notesCollection, doc('r9', 'B', 'team'))).toBe(false);
    expect(canRead(rep, org, doc('m1', 'A'))).toBe(true);
    expect(canRead(rep, catalog, doc('x', 'Z'))).toBe(true);
  });

  it('reps write only their own records and cannot give them away', () => {
    expect(canWrite(rep, notesCollection, undefined, doc('r1', 'A'))).toBe(true);
    expect(canWrite(rep, notesCollection, doc('r1', 'A'), doc('r2', 'A'))).toBe(false);
    expect(canWrite(rep, notesCollection, doc('r1', 'A'), doc('r1', 'B'))).toBe(false);
    expect(canWrite(rep, notesCollection, doc('r2', 'A', 'team'), doc('r1', 'A'))).toBe(false);
    expect(canWrite(rep, org, undefined, doc('r1', 'A'))).toBe(false);
    expect(canWrite(rep, catalog, undefined, doc('r1', 'A'))).toBe(false);
  });

  it('managers write within their team, admins anywhere', () => {
    expect(canWrite(manager, notesCollection, doc('r2', 'A'), doc('r1', 'A'))).toBe(true);
    expect(canWrite(manager, notesCollection, doc('r2', 'A'), doc('r2', 'B'))).toBe(false);
    expect(canWrite(manager, notesCollection, doc('r9', 'B'), doc('r9', 'A'))).toBe(false);
    expect(canWrite(manager, org, undefined, doc('r1', 'A'))).toBe(true);
    expect(canWrite(manager, catalog, undefined, doc('m1', 'A'))).toBe(false);
    expect(canWrite(admin, catalog, doc('a', 'B'), doc('b', 'C'))).toBe(true);
  });
});

describe('company data managers keep (the catalog)', () => {
  it('any manager or admin writes it, whichever team filed the record; reps never', () => {
    expect(canWrite(manager, managed, undefined, doc('m1', 'A'))).toBe(true);
    expect(canWrite(manager, managed, doc('x', 'hq'), doc('x', 'hq'))).toBe(true);
    expect(canWrite(admin, managed, doc('x', 'hq'), doc('x', 'hq'))).toBe(true);
    expect(canWrite(rep, managed, undefined, doc('r1', 'A'))).toBe(false);
    expect(canWrite(rep, managed, doc('r1', 'A'), doc('r1', 'A'))).toBe(false);
    expect(canRead(rep, managed, doc('x', 'hq'))).toBe(true);
    expect(ownerFits(managed, doc('gone', 'Z'), undefined)).toBe(true);
  });
});

describe("a team's shared queue (cases)", () => {
  const queue: SyncCollection = { ...notesCollection, read: 'team', write: 'team' };

  it('anyone in the team reads and works its records and may pick one up; nobody moves one out of the team', () => {
    expect(canRead(rep, queue, doc('r2', 'A'))).toBe(true);
    expect(canRead(rep, queue, doc('r9', 'B'))).toBe(false);
    expect(canWrite(rep, queue, doc('r2', 'A'), doc('r2', 'A'))).toBe(true);
    expect(canWrite(rep, queue, doc('r2', 'A'), doc('r1', 'A'))).toBe(true);
    expect(canWrite(rep, queue, undefined, doc('r2', 'A'))).toBe(true);
    expect(canWrite(rep, queue, doc('r1', 'A'), doc('r1', 'B'))).toBe(false);
    expect(canWrite(rep, queue, doc('r9', 'B'), doc('r9', 'B'))).toBe(false);
    expect(canWrite(rep, queue, undefined, doc('r9', 'B'))).toBe(false);
  });
});

describe('who may own a record', () => {
  const repOfA = { userId: 'r1', teamId: 'A' };
  const adminOwner = { userId: 'x', teamId: null };

  it('only an enabled user of the record team (a team-less admin: records filed under their own id)', () => {
    expect(ownerFits(notesCollection, doc('r1', 'A'), repOfA)).toBe(true);
    expect(ownerFits(notesCollection, doc('r1', 'B'), repOfA)).toBe(false);
    expect(ownerFits(notesCollection, doc('r1', 'A'), undefined)).toBe(false);
    expect(ownerFits(notesCollection, doc('r2', 'A'), repOfA)).toBe(false);
    expect(ownerFits(notesCollection, doc('x', 'x'), adminOwner)).toBe(true);
    expect(ownerFits(notesCollection, doc('x', 'A'), adminOwner)).toBe(false);
    expect(ownerFits(org, doc('r1', 'B'), repOfA)).toBe(false);
  });

  it('does not matter for company data only admins write', () => {
    expect(ownerFits(catalog, doc('x', 'A'), adminOwner)).toBe(true);
    expect(ownerFits(catalog, doc('gone', 'Z'), undefined)).toBe(true);
  });
});
