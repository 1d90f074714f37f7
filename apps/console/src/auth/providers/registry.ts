import { AuthProviders, Role, type AuthProviderId } from '@qd/contracts';
import { AppError, type Config, type Database } from '@qd/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerDevProvider, seedDevUsers } from './dev';
import { registerMtlsProvider } from './mtls';
import { registerOidcProvider } from './oidc';
import { OidcRelyingParty } from './oidcClient';
import { installOidcRefresh } from './oidcRefresh';
import type { SignInDeps } from './signIn';

export interface ProviderDeps extends SignInDeps {
  db: Database;
  config: Config;
  sessionSecret: string;
  now: () => Date;
  revokeSockets: (sessionId: string, reason: string) => void;
}

/**
 * Registers the sign-in providers named in QD_AUTH_PROVIDERS (config has already refused unsafe
 * combinations), `GET /auth/providers` for the login page, and refuses basic login when off.
 */
export async function registerAuthProviders(app: FastifyInstance, d: ProviderDeps): Promise<void> {
  const enabled = new Set<AuthProviderId>(d.config.QD_AUTH_PROVIDERS as AuthProviderId[]);
  const body: AuthProviders = { providers: [...enabled] };

  if (!enabled.has('basic'))
    app.addHook('onRequest', async (req) => {
      if (req.routeOptions.url === '/api/v1/auth/login')
        throw new AppError('PROVIDER_DISABLED', 'Password sign-in is not enabled on this console.');
    });
  if (enabled.has('dev')) {
    await seedDevUsers(d.db);
    registerDevProvider(app, d);
    body.devRoles = [...Role.options];
  }
  if (enabled.has('oidc')) {
    const rp = new OidcRelyingParty(d.config, d.sessionSecret);
    registerOidcProvider(app, { ...d, rp });
    installOidcRefresh(app, { ...d, rp });
    body.oidcName = new URL(rp.issuer).host;
  }
  if (enabled.has('mtls')) registerMtlsProvider(app, d);

  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/v1/auth/providers',
      { config: { permission: 'public' }, schema: { response: { 200: AuthProviders } } },
      async () => body,
    );
}
