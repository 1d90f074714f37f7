export const NGINX_BIN: string;
/** deploy/nginx/quarterdeck.conf with the upstream ports and listen port substituted. */
export function nginxSiteConfig(upstreams: number[], port: number): string;
/** Starts nginx in front of the given console ports. */
export function startNginx(upstreams: number[]): Promise<{
  url: string;
  port: number;
  errorLog(): string;
  stop(): Promise<void>;
}>;
