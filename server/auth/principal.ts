import { USER_ROLES, type AuthUser, type UserRole } from '../../shared/contract/sync/wire/auth';

export type Role = UserRole;

export const ROLES: readonly Role[] = USER_ROLES;

/** Who is calling, as loaded from the database on every request (role or team changes apply at once). */
export type Principal = AuthUser;
