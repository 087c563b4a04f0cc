#!/usr/bin/env node
// Writes a production Mosquitto configuration for Docstream (DESIGN §4 MQTT, §5 PKI):
// TLS with client certificates from the national PKI, the certificate's CN as the MQTT
// username (a centre's 5-digit matricule, or "docstream-server"), and a per-centre ACL:
// a centre publishes only on ds/v1/up/<its matricule> and reads only ds/v1/down/<its
// matricule> (plus the broadcast topic); the server reads every up topic and writes every
// down topic and the broadcast.
//
//   node scripts/broker-config.mjs --out /etc/mosquitto/docstream --ca ca.pem \
//        --cert broker.crt --key broker.key [--port 8883] [--bind ADDR] [--crl crl.pem]
//   node scripts/broker-config.mjs --out DIR --ca ca.pem --ca-key KEYS/ca.key.pem \
//        --passphrase-file FILE --hostname mqtt.example.org      (issues the broker certificate)
//
// Plain Node, no dependency; issuing a broker certificate uses the built core (npm run build).
import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';

const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';
const SERVER_USER_DEFAULT = 'docstream-server';
const UP = 'ds/v1/up';
const DOWN = 'ds/v1/down';
const BROADCAST = 'ds/v1/broadcast';

const USAGE = `Usage :
  node scripts/broker-config.mjs --out DIR --ca CA.pem (--cert BROKER.crt --key BROKER.key | --ca-key CA.key.pem --hostname NAME) [options]

  --out DIR             dossier de sortie / output folder (mosquitto.conf, acl, ca.pem, broker.crt, broker.key, data/)
  --ca FILE             certificat de l'autorité nationale / national CA certificate (verifies client certificates)
  --cert FILE           certificat TLS du broker / broker TLS certificate (PEM, may include its chain)
  --key FILE            clé privée du broker / broker private key (PEM; an encrypted one is decrypted with the passphrase)
  --ca-key FILE         clé de l'autorité pour émettre le certificat du broker / CA key, to issue the broker certificate
  --hostname NAME       nom DNS du broker pour le certificat émis / broker DNS name for the issued certificate (its CN)
  --passphrase-file F   phrase secrète des clés / key passphrase (else DOCSTREAM_KEY_PASSPHRASE[_FILE])
  --port N              port TLS / TLS port (default 8883)
  --bind ADDR           adresse d'écoute / listen address (default: all interfaces)
  --crl FILE            liste de révocation PEM / PEM CRL of the CA (crlfile)
  --data DIR            dossier de persistance / persistence folder (default OUT/data)
  --user NAME           utilisateur système de Mosquitto s'il démarre en root / system user Mosquitto switches to when started as root (default: mosquitto)
  --server-cn CN        CN du certificat du serveur central / central server certificate CN (default ${SERVER_USER_DEFAULT})
  --force               émet un nouveau certificat de broker même s'il en existe un / issue a new broker certificate even if one exists
  -h, --help`;

class CliError extends Error {
  constructor(fr, en, exitCode = 1) {
    super(en);
    this.fr = fr;
    this.en = en;
    this.exitCode = exitCode;
  }
}

function usageError(fr, en) {
  const e = new CliError(fr, en, 2);
  e.showUsage = true;
  return e;
}

function readText(path, what) {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(
      `Fichier illisible (${what.fr}) : ${path} (${e.code ?? e.message}). Vérifiez le chemin et les droits de lecture.`,
      `Cannot read ${what.en}: ${path} (${e.code ?? e.message}). Check the path and read permissions.`,
    );
  }
}

function pemBlocks(text, label) {
  return text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`, 'g')) ?? [];
}

function parseCertificates(path, what) {
  const text = readText(path, what);
  const blocks = pemBlocks(text, 'CERTIFICATE');
  if (blocks.length === 0) {
    throw new CliError(
      `${path} ne contient aucun certificat PEM (-----BEGIN CERTIFICATE-----) : donnez ${what.fr} au format PEM (openssl x509 -inform DER -in FICHIER -out FICHIER.pem).`,
      `${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----): give ${what.en} in PEM form (openssl x509 -inform DER -in FILE -out FILE.pem).`,
    );
  }
  try {
    return { text, certs: blocks.map((b) => new X509Certificate(b)), pems: blocks };
  } catch (e) {
    throw new CliError(
      `${path} : certificat illisible (${e.message}). Exportez-le à nouveau au format PEM.`,
      `${path}: unreadable certificate (${e.message}). Export it again in PEM form.`,
    );
  }
}

function passphrase(values) {
  const file = values['passphrase-file'] ?? process.env.DOCSTREAM_KEY_PASSPHRASE_FILE;
  if (file) return readText(file, { fr: 'phrase secrète', en: 'passphrase file' }).replace(/\r?\n$/, '');
  return process.env.DOCSTREAM_KEY_PASSPHRASE || undefined;
}

const commonName = (x509) => /(?:^|\n)CN=([^\n]*)/.exec(x509.subject)?.[1] ?? '';
const pad = (s) => s.padEnd(14);
const warnings = [];
const warn = (fr, en) => warnings.push({ fr, en });

function checkCa(path) {
  const ca = parseCertificates(path, { fr: 'le certificat de l’autorité', en: 'the CA certificate' });
  const now = new Date();
  for (const c of ca.certs) {
    if (!c.ca) {
      throw new CliError(
        `${path} : « ${commonName(c)} » n’est pas une autorité de certification. Donnez le certificat de l’autorité nationale (créé par docstream-server init), pas celui d’un centre ou du serveur.`,
        `${path}: "${commonName(c)}" is not a certificate authority. Give the national CA certificate (created by docstream-server init), not a centre's or the server's.`,
      );
    }
    if (now > new Date(c.validTo) || now < new Date(c.validFrom)) {
      throw new CliError(
        `${path} : l’autorité « ${commonName(c)} » n’est pas valide aujourd’hui (${c.validFrom} → ${c.validTo}). Renouvelez l’autorité.`,
        `${path}: the CA "${commonName(c)}" is not valid today (${c.validFrom} → ${c.validTo}). Renew the CA.`,
      );
    }
  }
  return ca;
}

function checkBrokerCertificate(cert, keyObject, ca, certPath) {
  const leaf = cert.certs[0];
  const now = new Date();
  if (now > new Date(leaf.validTo) || now < new Date(leaf.validFrom)) {
    throw new CliError(
      `${certPath} : le certificat du broker n’est pas valide aujourd’hui (${leaf.validFrom} → ${leaf.validTo}). Émettez-en un nouveau (--ca-key … --hostname …).`,
      `${certPath}: the broker certificate is not valid today (${leaf.validFrom} → ${leaf.validTo}). Issue a new one (--ca-key … --hostname …).`,
    );
  }
  if (!leaf.checkPrivateKey(keyObject)) {
    throw new CliError(
      `La clé donnée (--key) ne correspond pas au certificat ${certPath}. Donnez la clé privée de ce certificat.`,
      `The key given (--key) does not match the certificate ${certPath}. Give this certificate's private key.`,
    );
  }
  if (leaf.ca) {
    throw new CliError(
      `${certPath} est un certificat d’autorité, pas un certificat de serveur TLS. Donnez le certificat du broker.`,
      `${certPath} is a CA certificate, not a TLS server certificate. Give the broker's certificate.`,
    );
  }
  if (Array.isArray(leaf.keyUsage) && !leaf.keyUsage.includes(SERVER_AUTH_OID)) {
    throw new CliError(
      `${certPath} n’autorise pas l’usage « serveur TLS » (extendedKeyUsage serverAuth) : les clients refuseront le broker. Émettez un certificat de serveur.`,
      `${certPath} does not allow TLS server use (extendedKeyUsage serverAuth): clients would refuse the broker. Issue a server certificate.`,
    );
  }
  const issuedByCa = ca.certs.some((c) => leaf.checkIssued(c) && leaf.verify(c.publicKey));
  if (!issuedByCa) {
    warn(
      `Le certificat du broker n’est pas émis par l’autorité --ca : les centres vérifient le broker avec l’autorité nationale et le refuseront, sauf si vous leur donnez l’autorité qui l’a émis.`,
      `The broker certificate is not issued by the --ca authority: centres verify the broker with the national CA and will refuse it unless you give them the CA that issued it.`,
    );
  }
  if (!leaf.subjectAltName) {
    warn(
      `Le certificat du broker n’a pas de subjectAltName : les clients doivent se connecter avec le nom exact de son CN (« ${commonName(leaf)} »), jamais par adresse IP.`,
      `The broker certificate has no subjectAltName: clients must connect with the exact name in its CN ("${commonName(leaf)}"), never by IP address.`,
    );
  }
  return leaf;
}

function loadKey(path, values) {
  const text = readText(path, { fr: 'la clé du broker', en: 'the broker key' });
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new CliError(
      `${path} ne contient pas de clé privée PEM. Donnez la clé du certificat du broker au format PEM.`,
      `${path} holds no PEM private key. Give the broker certificate's key in PEM form.`,
    );
  }
  const encrypted = /ENCRYPTED/.test(text);
  const pass = encrypted ? passphrase(values) : undefined;
  if (encrypted && pass === undefined) {
    throw new CliError(
      `${path} est chiffrée et Mosquitto ne peut pas demander sa phrase secrète au démarrage. Donnez --passphrase-file (ou DOCSTREAM_KEY_PASSPHRASE) pour en écrire une copie en clair (0600) dans --out.`,
      `${path} is encrypted and Mosquitto cannot ask for its passphrase at start-up. Give --passphrase-file (or DOCSTREAM_KEY_PASSPHRASE) to write a clear copy (0600) into --out.`,
    );
  }
  try {
    return { key: createPrivateKey(encrypted ? { key: text, format: 'pem', passphrase: pass } : text), encrypted, text };
  } catch (e) {
    throw new CliError(
      encrypted
        ? `Phrase secrète incorrecte pour ${path}, ou clé illisible. Vérifiez --passphrase-file / DOCSTREAM_KEY_PASSPHRASE.`
        : `${path} : clé privée illisible (${e.message}). Exportez-la à nouveau au format PEM.`,
      encrypted
        ? `Wrong passphrase for ${path}, or unreadable key. Check --passphrase-file / DOCSTREAM_KEY_PASSPHRASE.`
        : `${path}: unreadable private key (${e.message}). Export it again in PEM form.`,
    );
  }
}

async function loadCore() {
  const base = new URL('../core/dist/crypto/', import.meta.url);
  try {
    const [pki, keystore] = await Promise.all([import(new URL('pki.js', base).href), import(new URL('keystore.js', base).href)]);
    return { pki, keystore };
  } catch (e) {
    throw new CliError(
      `Le cœur de Docstream n’est pas construit (${e.message}). Lancez « npm run build » à la racine du dépôt, ou donnez --cert et --key.`,
      `The Docstream core is not built (${e.message}). Run "npm run build" at the repository root, or give --cert and --key.`,
    );
  }
}

/** Issues the broker's TLS server certificate from the national CA, with the core PKI. */
async function issueBrokerCertificate(values, caPem) {
  const hostname = values.hostname;
  if (!hostname || !/^[A-Za-z0-9.-]+$/.test(hostname)) {
    throw usageError(
      'Pour émettre le certificat du broker, donnez --hostname : le nom DNS par lequel les centres joignent le broker (ex. mqtt.etat-civil.ml).',
      'To issue the broker certificate, give --hostname: the DNS name centres use to reach the broker (e.g. mqtt.etat-civil.ml).',
    );
  }
  const pass = passphrase(values);
  if (pass === undefined) {
    throw new CliError(
      'La clé de l’autorité est chiffrée : donnez --passphrase-file FICHIER (ou DOCSTREAM_KEY_PASSPHRASE), la phrase secrète des clés du serveur central.',
      'The CA key is encrypted: give --passphrase-file FILE (or DOCSTREAM_KEY_PASSPHRASE), the central server keys passphrase.',
    );
  }
  const { pki, keystore } = await loadCore();
  const caKeyPem = readText(values['ca-key'], { fr: 'la clé de l’autorité', en: 'the CA key' });
  try {
    const caKey = keystore.decryptPrivateKey(caKeyPem, pass, values['ca-key']);
    const pair = pki.generateKeyPair(2048);
    const certPem = pki.issueCertificate({
      publicKey: pair.publicKey,
      commonName: hostname,
      organization: 'Docstream',
      ca: { certPem: caPem, privateKey: caKey },
      usage: 'server',
    });
    const keyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' });
    return { certPem, keyPem };
  } catch (e) {
    if (e && typeof e.fr === 'string' && typeof e.en === 'string') throw new CliError(e.fr, e.en);
    throw e;
  }
}

function write(path, text, mode) {
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
}

function aclText(serverUser, generated) {
  return `# Docstream broker ACL (DESIGN §4) — ${generated}
# The MQTT username is the CN of the client certificate (use_identity_as_username):
# a centre's 5-digit matricule, or "${serverUser}" for the central server.
# "pattern" lines apply to every authenticated user; "topic" lines before any "user"
# line would apply only to anonymous clients, which this broker refuses.

# Every centre: its own up topic (write), its own down topic and the broadcast (read).
# (Mosquitto warns that the broadcast pattern has no %u or %c: expected, it is for all.)
pattern write ${UP}/%u
pattern read ${DOWN}/%u
pattern read ${BROADCAST}/#

# The central server: every up topic, every down topic, the retained broadcast.
# Mosquitto 2.0 checks these rules on each message delivered, not on SUBSCRIBE (every
# subscription is granted): a shared subscription $share/GROUP/${UP}/+ delivers
# ${UP}/<matricule>, which "topic read ${UP}/+" allows. A centre may subscribe to
# anything but receives only what its own rules allow.
user ${serverUser}
topic read ${UP}/+
topic write ${DOWN}/+
topic write ${BROADCAST}/#
# docstream-server broker-test: its own private topics.
topic readwrite ds/v1/test/#
`;
}

function confText(o) {
  const lines = [
    `# Docstream production broker (DESIGN §4 MQTT, §5 PKI) — ${o.generated}`,
    '# Regenerate with scripts/broker-config.mjs rather than editing by hand.',
    '',
    ...(o.user ? ['# Started as root, Mosquitto switches to this user: it must read the key and own the data folder.', `user ${o.user}`, ''] : []),
    '# One TLS listener; security settings are global (they apply to this listener).',
    'per_listener_settings false',
    `listener ${o.port}${o.bind ? ` ${o.bind}` : ''}`,
    'protocol mqtt',
    `cafile ${o.caFile}`,
    `certfile ${o.certFile}`,
    `keyfile ${o.keyFile}`,
    'tls_version tlsv1.2',
    '# Every client shows a certificate from the national CA; its CN becomes the username.',
    'require_certificate true',
    'use_identity_as_username true',
  ];
  if (o.crlFile) lines.push(`crlfile ${o.crlFile}`);
  lines.push(
    '',
    'allow_anonymous false',
    `acl_file ${o.aclFile}`,
    '',
    '# Persistent sessions (QoS 1, clean session off) survive a broker restart. The broker is',
    '# not trusted for durability: outboxes re-send whatever is not acknowledged.',
    'persistence true',
    `persistence_location ${o.dataDir}`,
    'autosave_interval 60',
    '# Intermittent centres may stay offline for days: room for what waits for them.',
    'max_queued_messages 10000',
    '',
    'connection_messages true',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    'log_timestamp_format %Y-%m-%dT%H:%M:%S',
    '',
  );
  return lines.join('\n');
}

async function main(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        port: { type: 'string', default: '8883' },
        bind: { type: 'string' },
        ca: { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        'ca-key': { type: 'string' },
        hostname: { type: 'string' },
        'passphrase-file': { type: 'string' },
        crl: { type: 'string' },
        data: { type: 'string' },
        'server-cn': { type: 'string', default: SERVER_USER_DEFAULT },
        user: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    throw usageError(`Option incorrecte : ${e.message}`, `Bad option: ${e.message}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.out) throw usageError('Donnez le dossier de sortie : --out DOSSIER.', 'Give the output folder: --out DIR.');
  if (!values.ca) {
    throw usageError(
      'Donnez le certificat de l’autorité nationale : --ca ca.pem (il vérifie les certificats des centres et du serveur).',
      'Give the national CA certificate: --ca ca.pem (it verifies the centres\' and the server\'s certificates).',
    );
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw usageError(`--port : un numéro de port entre 1 et 65535 (reçu « ${values.port} »).`, `--port: a port number from 1 to 65535 (got "${values.port}").`);
  }
  if (values.bind !== undefined && !/^[A-Za-z0-9.:-]+$/.test(values.bind)) {
    throw usageError(`--bind : une adresse IP ou un nom d’hôte (reçu « ${values.bind} »).`, `--bind: an IP address or host name (got "${values.bind}").`);
  }
  const serverUser = values['server-cn'];
  if (!/^[A-Za-z0-9._-]+$/.test(serverUser) || /^\d{5}$/.test(serverUser)) {
    throw usageError(`--server-cn : un nom sans espace ni / + # et qui n’est pas un matricule (reçu « ${serverUser} »).`, `--server-cn: a name without spaces or / + # that is not a matricule (got "${serverUser}").`);
  }
  if (values.user !== undefined && !/^[A-Za-z0-9._-]+$/.test(values.user)) {
    throw usageError(`--user : un nom d’utilisateur système (reçu « ${values.user} »).`, `--user: a system user name (got "${values.user}").`);
  }
  if ((values.cert === undefined) !== (values.key === undefined)) {
    throw usageError('Donnez --cert et --key ensemble (certificat du broker et sa clé).', 'Give --cert and --key together (the broker certificate and its key).');
  }
  if (values.cert === undefined && values['ca-key'] === undefined) {
    throw usageError(
      'Le broker a besoin de son certificat TLS : donnez --cert broker.crt --key broker.key, ou faites-le émettre par l’autorité avec --ca-key <clés>/ca.key.pem --hostname NOM --passphrase-file FICHIER.',
      'The broker needs its TLS certificate: give --cert broker.crt --key broker.key, or have the CA issue one with --ca-key <keys>/ca.key.pem --hostname NAME --passphrase-file FILE.',
    );
  }

  const out = resolve(values.out);
  const dataDir = resolve(values.data ?? join(out, 'data'));
  const files = {
    conf: join(out, 'mosquitto.conf'),
    acl: join(out, 'acl'),
    ca: join(out, 'ca.pem'),
    cert: join(out, 'broker.crt'),
    key: join(out, 'broker.key'),
    crl: join(out, 'crl.pem'),
  };

  const ca = checkCa(values.ca);
  let certPem;
  let keyPem;
  let issued = false;
  if (values.cert !== undefined) {
    const cert = parseCertificates(values.cert, { fr: 'le certificat du broker', en: 'the broker certificate' });
    const key = loadKey(values.key, values);
    checkBrokerCertificate(cert, key.key, ca, values.cert);
    certPem = `${cert.pems.join('\n')}\n`;
    keyPem = key.encrypted ? key.key.export({ type: 'pkcs8', format: 'pem' }) : key.text;
  } else {
    if (!values.force && (existsSync(files.cert) || existsSync(files.key))) {
      throw new CliError(
        `Un certificat de broker existe déjà dans ${out}. Pour le garder : --cert ${files.cert} --key ${files.key}. Pour en émettre un nouveau : ajoutez --force.`,
        `A broker certificate already exists in ${out}. To keep it: --cert ${files.cert} --key ${files.key}. To issue a new one: add --force.`,
      );
    }
    ({ certPem, keyPem } = await issueBrokerCertificate(values, ca.pems[0]));
    issued = true;
    warn(
      `Le certificat émis n’a pas de subjectAltName (l’autorité Docstream n’en pose pas) : les centres doivent joindre le broker par le nom « ${values.hostname} » (mqtts://${values.hostname}:${port}), jamais par adresse IP.`,
      `The issued certificate has no subjectAltName (the Docstream CA does not set one): centres must reach the broker by the name "${values.hostname}" (mqtts://${values.hostname}:${port}), never by IP address.`,
    );
  }

  let crlPem;
  if (values.crl !== undefined) {
    const text = readText(values.crl, { fr: 'la liste de révocation', en: 'the CRL' });
    const blocks = pemBlocks(text, 'X509 CRL');
    if (blocks.length === 0) {
      throw new CliError(
        `${values.crl} ne contient pas de liste de révocation PEM (-----BEGIN X509 CRL-----). Convertissez-la : openssl crl -inform DER -in FICHIER -out crl.pem.`,
        `${values.crl} holds no PEM CRL (-----BEGIN X509 CRL-----). Convert it: openssl crl -inform DER -in FILE -out crl.pem.`,
      );
    }
    crlPem = `${blocks.join('\n')}\n`;
  }

  try {
    mkdirSync(out, { recursive: true, mode: 0o755 });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new CliError(
      `Impossible de créer ${e.path ?? out} (${e.code ?? e.message}). Choisissez un dossier où vous pouvez écrire (--out, --data).`,
      `Cannot create ${e.path ?? out} (${e.code ?? e.message}). Choose a folder you can write to (--out, --data).`,
    );
  }
  const generated = `generated ${new Date().toISOString()}`;
  try {
    write(files.ca, `${ca.pems.join('\n')}\n`, 0o644);
    write(files.cert, certPem, 0o644);
    write(files.key, keyPem, 0o600);
    if (crlPem) write(files.crl, crlPem, 0o644);
    write(files.acl, aclText(serverUser, generated), 0o644);
    write(files.conf, confText({
      generated, port, bind: values.bind, caFile: files.ca, certFile: files.cert, keyFile: files.key,
      crlFile: crlPem ? files.crl : undefined, aclFile: files.acl, dataDir, user: values.user,
    }), 0o644);
  } catch (e) {
    throw new CliError(
      `Écriture impossible dans ${out} (${e.code ?? e.message}). Vérifiez les droits du dossier.`,
      `Cannot write into ${out} (${e.code ?? e.message}). Check the folder's permissions.`,
    );
  }

  const leaf = new X509Certificate(certPem);
  const shareGroup = `ds-${randomBytes(12).toString('hex')}`;
  const written = [
    [files.conf, 'configuration Mosquitto / Mosquitto configuration'],
    [files.acl, `ACL : centre → ${UP}/<matricule> (écriture/write), ${DOWN}/<matricule> + ${BROADCAST} (lecture/read); ${serverUser} → ${UP}/+, ${DOWN}/+, ${BROADCAST}`],
    [files.ca, `autorité / CA « ${commonName(ca.certs[0])} »`],
    [files.cert, `certificat du broker / broker certificate CN=${commonName(leaf)}${issued ? ' (émis / issued)' : ''}, → ${leaf.validTo}`],
    [files.key, 'clé du broker, en clair, 0600 / broker key, clear, 0600'],
    ...(crlPem ? [[files.crl, 'liste de révocation / CRL (crlfile)']] : []),
    [`${dataDir}/`, 'persistance / persistence'],
  ];
  console.log('Écrit / written:');
  for (const [path, what] of written) console.log(`  ${pad(path.startsWith(out) ? path.slice(out.length + 1) || '.' : path)} ${what}`);
  console.log(`\nDémarrer / start:\n  mosquitto -c ${files.conf}`);
  console.log(`\nÀ savoir / notes:`);
  const notes = [
    ...warnings,
    {
      fr: `Si Mosquitto démarre en root, il passe à l’utilisateur « ${values.user ?? 'mosquitto'} » (--user) : il doit pouvoir lire ${out} et la clé, et écrire dans ${dataDir} (chown ${values.user ?? 'mosquitto'} ${files.key} ${dataDir}).`,
      en: `If Mosquitto starts as root it switches to the "${values.user ?? 'mosquitto'}" user (--user): it must be able to read ${out} and the key, and write into ${dataDir} (chown ${values.user ?? 'mosquitto'} ${files.key} ${dataDir}).`,
    },
    {
      fr: 'Sans certificat, pas de connexion : un centre pas encore inscrit s’inscrit par fichier (docstream-centre enroll --out …, puis t2d import au serveur central).',
      en: 'No certificate, no connection: a centre not yet enrolled enrols by file (docstream-centre enroll --out …, then t2d import at the central server).',
    },
    {
      fr: `Plusieurs instances du serveur central ($share/GROUPE/${UP}/+) : prenez un nom de groupe secret (ex. ${shareGroup}). Mosquitto ne contrôle pas les abonnements : un centre qui connaît le groupe peut s’y joindre ; il ne reçoit rien, mais les messages que le broker lui attribue sont perdus jusqu’au renvoi par la file d’envoi.`,
      en: `Several central server instances ($share/GROUP/${UP}/+): use a secret group name (e.g. ${shareGroup}). Mosquitto does not check subscriptions: a centre that knows the group can join it; it receives nothing, but the messages the broker assigns to it are lost until the outbox re-sends them.`,
    },
    {
      fr: 'Mosquitto ne lie pas l’identifiant client au certificat : un centre qui prend l’identifiant d’un autre (ds-centre-MATRICULE) le déconnecte et fait perdre les messages en attente dans sa session (il ne peut pas les lire ; la file d’envoi et « hello » les renvoient).',
      en: 'Mosquitto does not tie the client id to the certificate: a centre that takes another\'s id (ds-centre-MATRICULE) disconnects it and makes the messages waiting in its session be lost (it cannot read them; the outbox and "hello" re-send them).',
    },
    crlPem
      ? { fr: 'Après chaque révocation, régénérez avec la nouvelle liste (--crl) et redémarrez Mosquitto.', en: 'After each revocation, regenerate with the new list (--crl) and restart Mosquitto.' }
      : { fr: 'Pas de --crl : un certificat révoqué se connecte encore au broker (le serveur central refuse toujours ses conteneurs).', en: 'No --crl: a revoked certificate can still connect to the broker (the central server still refuses its containers).' },
  ];
  for (const n of notes) console.log(`  - ${n.fr}\n    ${n.en}`);
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof CliError) {
    console.error(`Erreur : ${e.fr}\nError: ${e.en}${e.showUsage ? `\n\n${USAGE}` : ''}`);
    process.exit(e.exitCode);
  }
  console.error(`Erreur inattendue / unexpected error: ${e?.stack ?? e}`);
  process.exit(1);
});
