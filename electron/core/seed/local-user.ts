import type { Team, User } from '../../../shared/schemas';

/**
 * The person using the app before any sign-in: the core's LOCAL_ACTOR (electron/core/core.ts).
 * The demo data gives them a book of their own, so a new user opens a living app.
 */
export const LOCAL_USER_ID = 'local-user';
export const LOCAL_TEAM_ID = 'local-team';

/** Every 25th account among the first 2,500 (at most 100, however large the dataset). */
const LOCAL_EVERY = 25;
const LOCAL_OFFSET = 3;
const LOCAL_RANGE = 2_500;

export function isLocalAccount(index: number): boolean {
  return index < LOCAL_RANGE && index % LOCAL_EVERY === LOCAL_OFFSET;
}

/** Position of a local account among the local accounts (0-based), and how many there are. */
export function localAccountSlot(index: number, accounts: number): { readonly ordinal: number; readonly count: number } {
  const range = Math.min(accounts, LOCAL_RANGE);
  const count = range > LOCAL_OFFSET ? Math.floor((range - 1 - LOCAL_OFFSET) / LOCAL_EVERY) + 1 : 0;
  return { ordinal: Math.floor((index - LOCAL_OFFSET) / LOCAL_EVERY), count };
}

export function localUserRecords(
  stamp: { createdAt: number; updatedAt: number },
  adminId: string,
  managerId: string,
): { user: User; team: Team } {
  return {
    user: {
      id: LOCAL_USER_ID,
      ownerId: LOCAL_USER_ID,
      teamId: LOCAL_TEAM_ID,
      ...stamp,
      kind: 'user',
      name: 'Jordan Avery',
      email: 'jordan.avery@fieldcrm.example',
      role: 'rep',
      managerId,
      title: 'Account Executive',
      locale: 'en',
      active: true,
    },
    team: {
      id: LOCAL_TEAM_ID,
      ownerId: adminId,
      teamId: LOCAL_TEAM_ID,
      ...stamp,
      kind: 'team',
      name: 'Field Sales',
      managerId,
    },
  };
}
