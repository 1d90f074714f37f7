import { hkdfSync } from 'node:crypto';
import type { Config } from '@qd/platform';
import { EncryptJWT, jwtDecrypt } from 'jose';
import * as client from 'openid-client';

export const OIDC_TX_SECONDS = 600;

/**
 * Name and path of the transaction cookie: over HTTPS `__Host-` (Secure, path /, no Domain);
 * on plain-HTTP development setups a path-limited cookie without prefix.
 */
export function oidcTxCookie(secure: boolean): { name: string; path: string } {
  return secure
    ? { name: '__Host-qd_oidc_tx', path: '/' }
    : { name: 'qd_oidc_tx', path: '/api/v1/auth/oidc' };
}

/** What the browser that started a sign-in must bring back to the callback. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/** The relying party: discovery (once, lazily), URLs, and the sealed transaction cookie. */
export class OidcRelyingParty {
  private configuration: Promise<client.Configuration> | null = null;
  private readonly key: Uint8Array;
  readonly redirectUri: string;
  readonly postLogoutUri: string;

  constructor(
    private readonly config: Config,
    sessionSecret: string,
  ) {
    this.key = new Uint8Array(
      hkdfSync('sha256', sessionSecret, 'quarterdeck', 'oidc-transaction-cookie', 32),
    );
    const base = config.QD_PUBLIC_URL!.replace(/\/$/, '');
    this.redirectUri = `${base}/api/v1/auth/oidc/callback`;
    this.postLogoutUri = `${base}/login?reason=signed-out`;
  }

  get issuer(): string {
    return this.config.QD_OIDC_ISSUER!;
  }

  /** Discovery result; a failed discovery is retried on the next call. */
  discover(): Promise<client.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.issuer);
      const insecure = issuer.protocol === 'http:' && isLoopbackUrl(issuer);
      this.configuration = client
        .discovery(
          issuer,
          this.config.QD_OIDC_CLIENT_ID!,
          this.config.QD_OIDC_CLIENT_SECRET,
          this.config.QD_OIDC_CLIENT_SECRET ? undefined : client.None(),
          {
            // Always verify ID-token signatures against the IdP's JWKS (not only TLS trust).
            execute: [
              client.enableNonRepudiationChecks,
              ...(insecure ? [client.allowInsecureRequests] : []),
            ],
          },
        )
        .catch((err: unknown) => {
          this.configuration = null;
          throw err;
        });
    }
    return this.configuration;
  }

  /** A fresh transaction (PKCE verifier, state, nonce) and the IdP URL to send the browser to. */
  async begin(returnTo: string): Promise<{ url: URL; tx: OidcTransaction }> {
    const config = await this.discover();
    const tx: OidcTransaction = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo,
    };
    const scope = this.config.QD_OIDC_SCOPES;
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope,
      state: tx.state,
      nonce: tx.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(tx.verifier),
      code_challenge_method: 'S256',
      // A refresh token (offline_access) is only granted after explicit consent.
      ...(scope.split(' ').includes('offline_access') ? { prompt: 'consent' } : {}),
    });
    return { url, tx };
  }

  /** Encrypts and authenticates the transaction (A256GCM, 10 min expiry) for its cookie. */
  seal(tx: OidcTransaction): Promise<string> {
    return new EncryptJWT({ ...tx })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${OIDC_TX_SECONDS}s`)
      .encrypt(this.key);
  }

  /** The transaction from its cookie, or null when missing, forged or expired. */
  async open(sealed: string | undefined): Promise<OidcTransaction | null> {
    if (!sealed) return null;
    try {
      const { payload } = await jwtDecrypt(sealed, this.key);
      const { state, nonce, verifier, returnTo } = payload;
      if ([state, nonce, verifier, returnTo].some((v) => typeof v !== 'string')) return null;
      return { state, nonce, verifier, returnTo } as OidcTransaction;
    } catch {
      return null;
    }
  }

  /** Exchanges the code (checking state, PKCE, issuer, ID-token signature, audience, nonce). */
  async finish(currentUrl: URL, tx: OidcTransaction) {
    const config = await this.discover();
    return client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: tx.verifier,
      expectedState: tx.state,
      expectedNonce: tx.nonce,
      idTokenExpected: true,
    });
  }

  /** New tokens from a refresh token (the IdP may refuse: revoked, user disabled). */
  async refresh(refreshToken: string) {
    return client.refreshTokenGrant(await this.discover(), refreshToken);
  }

  /** The IdP's end-session URL (RP-initiated logout), or null when it has none. */
  async endSessionUrl(idToken: string): Promise<string | null> {
    const config = await this.discover();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client
      .buildEndSessionUrl(config, {
        id_token_hint: idToken,
        post_logout_redirect_uri: this.postLogoutUri,
      })
      .toString();
  }
}

function isLoopbackUrl(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** A plain-language reason for an openid-client failure (the raw message is audited too). */
export function describeOidcError(err: unknown): string {
  const e = err as { message?: string; error?: string; code?: string; cause?: unknown };
  // openid-client wraps the precise oauth4webapi error (which names the parameter) in `cause`.
  const chain: string[] = [];
  for (let c: unknown = err; c && chain.length < 4; c = (c as { cause?: unknown }).cause)
    chain.push((c as { message?: string }).message ?? '');
  const m = chain.join(' | ');
  if (e.error === 'invalid_grant')
    return 'the authorization code was already used, has expired, or was not issued to this sign-in';
  if (/"state"/.test(m)) return 'the state does not match the sign-in this browser started';
  if (/nonce/.test(m)) return "the ID token's nonce does not match this browser's sign-in";
  if (/"iss"|issuer/i.test(m)) return 'the response did not come from the configured issuer';
  if (e.error === 'access_denied' || /access_denied/.test(m))
    return 'the identity provider denied the sign-in';
  if (/fetch failed|ECONNREFUSED|ENOTFOUND/.test(m) || e.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM')
    return 'the identity provider could not be reached or answered unexpectedly';
  return chain.at(-1) || 'the identity provider answered unexpectedly';
}
