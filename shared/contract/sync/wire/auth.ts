import { z } from 'zod';

export const USER_ROLES = ['rep', 'manager', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The signed-in user as the server describes them (loaded afresh on every request). */
export const authUserSchema = z.object({
  userId: z.string().min(1),
  email: z.string(),
  role: z.enum(USER_ROLES),
  teamId: z.string().nullable(),
});
export type AuthUser = z.infer<typeof authUserSchema>;

/** POST /auth/login */
export const loginRequestSchema = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** POST /auth/refresh: the refresh token is single use; the answer carries its successor. */
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(200) });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** POST /auth/logout: the access token names the session; a refresh token, when sent, must be one of its. */
export const logoutRequestSchema = z.object({ refreshToken: z.string().min(1).max(200).optional() }).nullish();
export type LogoutRequest = z.infer<typeof logoutRequestSchema>;

/** The answer to login and refresh. `expiresIn` is the access token's lifetime in seconds. */
export const tokenResponseSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresIn: z.number().positive(),
  user: authUserSchema,
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** GET /auth/me: the session's user. */
export const sessionResponseSchema = authUserSchema;

/** GET /health: answered without authentication; the client's connectivity probe. */
export const healthResponseSchema = z.object({ ok: z.literal(true) });
