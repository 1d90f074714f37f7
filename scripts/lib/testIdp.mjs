// A real OpenID Provider (oidc-provider) on a free loopback port, for tests and the e2e server.
// Its dev login form accepts any password for a known account; accounts carry the role claim.
import { createServer } from 'node:http';

export const TEST_IDP_CLIENT = {
  clientId: 'quarterdeck',
  clientSecret: 'test-idp-client-secret-0123456789abcdef',
};

/**
 * Starts the IdP. `accounts` maps login name → extra claims (mutable afterwards: a role change
 * at the IdP shows on the next refresh). Deleting an account
 * disables it: its refresh tokens stop working. Resolves to { issuer, accounts, stop() }.
 */
export async function startTestIdp({ redirectUris, postLogoutRedirectUris = [], accounts = {} }) {
  // oidc-provider warns about Node 20 and its dev defaults; the tests need neither message.
  const warn = console.warn;
  console.warn = () => {};
  const { default: Provider } = await import('oidc-provider');
  const store = new Map(Object.entries(accounts));
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_IDP_CLIENT.clientId,
        client_secret: TEST_IDP_CLIENT.clientSecret,
        redirect_uris: redirectUris,
        post_logout_redirect_uris: postLogoutRedirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'name', 'roles'],
      email: ['email'],
    },
    ttl: {
      AccessToken: 60,
      IdToken: 60,
      RefreshToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    findAccount: (_ctx, id) => {
      if (!store.has(id)) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, preferred_username: id, ...store.get(id) }),
      };
    },
  });
  console.warn = warn;
  provider.on('server_error', (_ctx, err) => console.error('[test-idp]', err));
  server.on('request', provider.callback());
  return {
    issuer,
    accounts: store,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
