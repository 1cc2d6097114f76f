export type Role = 'rep' | 'manager' | 'admin';

export const ROLES: readonly Role[] = ['rep', 'manager', 'admin'];

/** Who is calling, as loaded from the database on every request (role or team changes apply at once). */
export type Principal = { userId: string; email: string; role: Role; teamId: string | null };
