import { MtlsLoginRequest } from '@qd/contracts';
import { AppError, type Config } from '@qd/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { clientCertificate, trustedProxies } from './clientCertificate';
import { findUserByName } from './externalUsers';
import type { AuthContext } from '../context';
import { auditSignInFailure, signIn } from './signIn';

/**
 * `POST /auth/mtls/login {}`: signs in the user named by the verified client certificate
 * (subject CN, or first SAN e-mail with QD_MTLS_IDENTITY=san-email). Users are not created here:
 * the certificate proves who someone is, an administrator decides what they may do.
 */
export function registerMtlsProvider(app: FastifyInstance, ctx: AuthContext, config: Config): void {
  const isTrusted = trustedProxies(config.QD_TRUSTED_PROXIES);
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/auth/mtls/login',
    {
      config: { permission: 'public', action: 'auth.login' },
      schema: { body: MtlsLoginRequest },
    },
    async (req, reply) => {
      const cert = clientCertificate(req, isTrusted);
      if (!cert.ok) {
        await auditSignInFailure(ctx, req, 'anonymous', 'mtls', 'NO_VERIFIED_CERTIFICATE', {
          reason: cert.reason,
          ...(cert.spoofed ? { spoofedHeaders: true } : {}),
        });
        throw new AppError('UNAUTHENTICATED', `Certificate sign-in failed: ${cert.reason}.`);
      }
      const { identity } = cert;
      const username =
        config.QD_MTLS_IDENTITY === 'cn' ? identity.cn : (identity.emails[0] ?? null);
      const user = username ? await findUserByName(ctx.db, username) : null;
      const detail = { subject: identity.subject, issuer: identity.issuer, via: identity.via };
      if (!user || user.disabled) {
        await auditSignInFailure(ctx, req, username ?? 'anonymous', 'mtls', 'NO_USER', detail);
        throw new AppError(
          'INVALID_CREDENTIALS',
          `The certificate (${identity.subject}) does not match an enabled Quarterdeck user.`,
        );
      }
      return signIn(
        ctx,
        req,
        reply,
        user,
        'mtls',
        {},
        {
          ...detail,
          fingerprint256: identity.fingerprint256,
        },
      );
    },
  );
}
