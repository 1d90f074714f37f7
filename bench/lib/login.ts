import { BENCH_ADMIN_PASSWORD } from './consoleServer';
import { BENCH_USER_AGENT } from './userAgent';

/** A real signed-in session: the signed cookie header and the CSRF token. */
export interface BenchSession {
  cookie: string;
  csrfToken: string;
}

/** Logs in through POST /api/v1/auth/login, exactly like the login form does. */
export async function login(
  baseUrl: string,
  password = BENCH_ADMIN_PASSWORD,
): Promise<BenchSession> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': BENCH_USER_AGENT },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.getSetCookie();
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken: body.csrfToken };
}

/** Logs in `n` times (sequentially: argon2id is deliberately expensive). */
export async function loginMany(baseUrl: string, n: number): Promise<BenchSession[]> {
  const out: BenchSession[] = [];
  for (let i = 0; i < n; i++) out.push(await login(baseUrl));
  return out;
}
