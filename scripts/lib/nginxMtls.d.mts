/** nginx terminating TLS with client-certificate verification (deploy/nginx/mtls*.conf). */
export function startMtlsNginx(options: {
  upstreamPort: number;
  cert: string;
  key: string;
  clientCa: string;
  bindAddress: string;
}): Promise<{ url: string; port: number; errorLog(): string; stop(): Promise<void> }>;
