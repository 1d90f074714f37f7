import { randomUUID } from 'node:crypto';
import { DevLoginRequest, Role } from '@qd/contracts';
import { AppError, isLoopbackHost, schema, type Database } from '@qd/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { findUserByName } from './externalUsers';
import type { AuthContext } from '../context';
import { auditSignInFailure, signIn } from './signIn';

const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'x-ssl-client-verify'];

/** The seeded user the dev provider signs in as for a role. */
export const devUsername = (role: Role) => `dev-${role}`;

/** Creates the passwordless dev users (dev-viewer … dev-admin) that are missing. */
export async function seedDevUsers(db: Database): Promise<void> {
  for (const role of Role.options) {
    if (await findUserByName(db, devUsername(role))) continue;
    await db
      .insert(schema.users)
      .values({ id: randomUUID(), username: devUsername(role), passwordHash: null, role })
      .onConflictDoNothing();
  }
}

/**
 * `POST /auth/dev/login {role}`: one-click sign-in for local development. Registered only when
 * config allows it (QD_DEV_LOGIN=true and a loopback QD_HOST); each request must also come from
 * a loopback address.
 */
export function registerDevProvider(app: FastifyInstance, ctx: AuthContext): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/auth/dev/login',
    {
      config: { permission: 'public', action: 'auth.login' },
      schema: { body: DevLoginRequest },
    },
    async (req, reply) => {
      const username = devUsername(req.body.role);
      // A local reverse proxy would make remote browsers look local: forwarded requests are refused.
      const proxied = PROXY_HEADERS.some((h) => req.headers[h] !== undefined);
      if (proxied || !isLoopbackHost(req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '')) {
        await auditSignInFailure(ctx, req, username, 'dev', 'NOT_LOOPBACK', { proxied });
        throw new AppError(
          'FORBIDDEN',
          'Dev sign-in is only accepted directly from this machine (not through a proxy).',
        );
      }
      const user = await findUserByName(ctx.db, username);
      if (!user || user.disabled) {
        await auditSignInFailure(ctx, req, username, 'dev', 'NO_DEV_USER');
        throw new AppError('INVALID_CREDENTIALS', `There is no enabled dev user ${username}.`);
      }
      return signIn(ctx, req, reply, user, 'dev');
    },
  );
}
