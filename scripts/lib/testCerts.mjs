// Test certificates made with the openssl CLI in a temp dir: a CA, a server certificate for
// 127.0.0.1, client certificates it issues, and a second (untrusted) CA with its own client.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const openssl = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** Creates the certificate set; resolves paths by name, and remove() deletes the directory. */
export function makeTestCerts(clients) {
  const dir = mkdtempSync(join(tmpdir(), 'qd-certs-'));
  const p = (name) => join(dir, name);
  const ca = (name, cn) =>
    openssl([
      'req',
      '-x509',
      ...EC,
      '-keyout',
      p(`${name}.key`),
      '-out',
      p(`${name}.pem`),
      '-days',
      '2',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
  const leaf = (name, issuer, subject, ext) => {
    writeFileSync(p(`${name}.ext`), ext);
    openssl([
      'req',
      ...EC,
      '-keyout',
      p(`${name}.key`),
      '-out',
      p(`${name}.csr`),
      '-subj',
      subject,
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      p(`${name}.csr`),
      '-CA',
      p(`${issuer}.pem`),
      '-CAkey',
      p(`${issuer}.key`),
      '-CAcreateserial',
      '-out',
      p(`${name}.pem`),
      '-days',
      '2',
      '-extfile',
      p(`${name}.ext`),
    ]);
  };
  ca('ca', 'Quarterdeck Test Client CA');
  ca('rogue-ca', 'Someone Else CA');
  leaf(
    'server',
    'ca',
    '/CN=127.0.0.1',
    'basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  for (const c of clients)
    leaf(
      c.name,
      c.rogue ? 'rogue-ca' : 'ca',
      `/O=Quarterdeck Test/CN=${c.cn}`,
      `basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n${c.email ? `subjectAltName=email:${c.email}\n` : ''}`,
    );
  return {
    dir,
    path: (name) => p(name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
