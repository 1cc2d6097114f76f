import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context';
import { HttpError } from '../errors';
import { parseBody } from '../parse';
import { requireAdmin } from './authenticate';
import { ROLES } from './principal';
import { revokeAllForUser } from './refresh-tokens';
import { createTeam, createUser, findUserById, listTeams, listUsers, updateUser } from './users';

const teamBody = z.object({ name: z.string().trim().min(1).max(120) });
const userBody = z.object({
  email: z
    .string()
    .max(254)
    .regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address'),
  password: z.string().max(1024),
  role: z.enum(ROLES as ['rep', 'manager', 'admin']),
  teamId: z.string().min(1).max(64).nullable().default(null),
});

const userPatch = z
  .strictObject({
    role: z.enum(ROLES as ['rep', 'manager', 'admin']).optional(),
    teamId: z.string().min(1).max(64).nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((p) => p.role !== undefined || p.teamId !== undefined || p.disabled !== undefined, 'give at least one of role, teamId, disabled');

/** Just enough administration for tests and demos: teams, users, and cutting a user's sessions. */
export const registerAdminRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  app.post('/admin/teams', async (request, reply) => {
    await requireAdmin(ctx, request);
    return reply.code(201).send(await createTeam(ctx.db, parseBody(teamBody, request.body).name));
  });
  app.get('/admin/teams', async (request) => {
    await requireAdmin(ctx, request);
    return { teams: await listTeams(ctx.db) };
  });
  app.post('/admin/users', async (request, reply) => {
    await requireAdmin(ctx, request);
    return reply.code(201).send(await createUser(ctx.db, parseBody(userBody, request.body), ctx.config.scryptCost));
  });
  app.get('/admin/users', async (request) => {
    await requireAdmin(ctx, request);
    return { users: await listUsers(ctx.db) };
  });
  app.patch<{ Params: { id: string } }>('/admin/users/:id', async (request) => {
    const admin = await requireAdmin(ctx, request);
    const patch = parseBody(userPatch, request.body);
    // An admin locking themselves out would leave the server with no way back in but the CLI.
    if (request.params.id === admin.userId && (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin'))) {
      throw new HttpError(400, 'bad_request', 'you cannot disable yourself or give up your own admin role');
    }
    return updateUser(ctx.db, request.params.id, patch);
  });
  app.post<{ Params: { id: string } }>('/admin/users/:id/revoke-sessions', async (request, reply) => {
    await requireAdmin(ctx, request);
    if (!(await findUserById(ctx.db, request.params.id))) throw new HttpError(404, 'not_found', 'no such user');
    await revokeAllForUser(ctx.db, request.params.id);
    return reply.code(204).send();
  });
};
