/**
 * The one user agent every bench client sends: sessions are bound to the device that signed in, so
 * the sockets, API calls and browser pages that use a session must present the same one.
 */
export const BENCH_USER_AGENT = 'quarterdeck-bench/1';
