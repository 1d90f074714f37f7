import { AuthProviders, Role, type AuthProviderId } from '@qd/contracts';
import { AppError, type Config } from '@qd/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerDevProvider, seedDevUsers } from './dev';
import { registerMtlsProvider } from './mtls';
import { registerOidcProvider } from './oidc';
import { OidcRelyingParty } from './oidcClient';
import { installOidcRefresh } from './oidcRefresh';
import type { AuthContext } from '../context';

/**
 * Registers the sign-in providers named in QD_AUTH_PROVIDERS (config has already refused unsafe
 * combinations), `GET /auth/providers` for the login page, and refuses basic login when off.
 */
export async function registerAuthProviders(
  app: FastifyInstance,
  ctx: AuthContext,
  opts: { config: Config; sessionSecret: string },
): Promise<void> {
  const { config } = opts;
  const enabled = new Set<AuthProviderId>(config.QD_AUTH_PROVIDERS as AuthProviderId[]);
  const body: AuthProviders = { providers: [...enabled] };

  if (!enabled.has('basic'))
    app.addHook('onRequest', async (req) => {
      if (req.routeOptions.url === '/api/v1/auth/login')
        throw new AppError('PROVIDER_DISABLED', 'Password sign-in is not enabled on this console.');
    });
  if (enabled.has('dev')) {
    await seedDevUsers(ctx.db);
    registerDevProvider(app, ctx);
    body.devRoles = [...Role.options];
  }
  if (enabled.has('oidc')) {
    const rp = new OidcRelyingParty(config, opts.sessionSecret);
    registerOidcProvider(app, { ctx, config, rp });
    installOidcRefresh(app, { ctx, config, rp });
    body.oidcName = new URL(rp.issuer).host;
  }
  if (enabled.has('mtls')) registerMtlsProvider(app, ctx, config);

  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/v1/auth/providers',
      { config: { permission: 'public' }, schema: { response: { 200: AuthProviders } } },
      async () => body,
    );
}
