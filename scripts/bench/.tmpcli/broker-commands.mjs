import { connect } from 'node:net';
import { DocstreamError, EMBEDDED_BROKER_PORT, redactBrokerUrl, runBrokerTest, startEmbeddedBroker, } from './shim.mjs';
function whole(option, text, min, max) {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n < min || n > max) {
        throw new DocstreamError('validation', `${option} : un nombre entier de ${min} à ${max} (reçu « ${text} »).`, `${option}: a whole number from ${min} to ${max} (got "${text}").`);
    }
    return n;
}
/** True when something accepts connections on 127.0.0.1:port within `ms`. */
function listening(port, ms = 500) {
    return new Promise((resolve) => {
        const s = connect(port, '127.0.0.1');
        const done = (ok) => {
            s.destroy();
            resolve(ok);
        };
        s.setTimeout(ms, () => done(false));
        s.once('connect', () => done(true));
        s.once('error', () => done(false));
    });
}
function numberFormat(lang, digits) {
    return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
/** Milliseconds with the precision that matters at that size (loopback brokers answer in µs). */
function ms(lang, v) {
    return `${numberFormat(lang, v < 1 ? 3 : v < 100 ? 1 : 0).format(v)} ms`;
}
function rate(lang, bytesPerSecond) {
    const [unit, div] = bytesPerSecond >= 1024 * 1024 ? [lang === 'fr' ? 'Mio/s' : 'MiB/s', 1024 * 1024] : [lang === 'fr' ? 'Kio/s' : 'KiB/s', 1024];
    return `${numberFormat(lang, 1).format(bytesPerSecond / div)} ${unit}`;
}
function report(r, lang, note) {
    const n0 = numberFormat(lang, 0);
    const l = r.latency;
    const t = r.throughput;
    const proto = `MQTT ${r.protocol}, QoS ${r.qos}${r.grantedQos !== r.qos ? (lang === 'fr' ? ` (accordée : ${r.grantedQos})` : ` (granted: ${r.grantedQos})`) : ''}`;
    const lines = lang === 'fr'
        ? [
            `Courtier : ${r.url} (${proto})`,
            `Connexion : ${ms(lang, r.connectMs)}`,
            `Latence aller-retour (${n0.format(l.received)} messages de ${n0.format(r.payloadBytes)} octets, un à la fois) : min ${ms(lang, l.minMs)} · médiane ${ms(lang, l.p50Ms)} · p95 ${ms(lang, l.p95Ms)} · max ${ms(lang, l.maxMs)}`,
            `Débit (rafale de ${n0.format(t.sent)} messages) : ${n0.format(t.messagesPerSecond)} messages/s · ${rate(lang, t.bytesPerSecond)} en ${ms(lang, t.seconds * 1000)}`,
            r.lost === 0 ? `Perdus : aucun sur ${n0.format(r.sent)}.` : `PERDUS : ${n0.format(r.lost)} sur ${n0.format(r.sent)} (latence ${l.lost}, rafale ${t.lost}).`,
            ...(t.lost > 0 && r.qos === 1
                ? ['Le courtier a jeté des messages QoS 1 en attente pour ce client : Mosquitto en garde au plus max_queued_messages (1000 par défaut). Augmentez-le (0 = sans limite) ou réduisez --count.']
                : []),
        ]
        : [
            `Broker: ${r.url} (${proto})`,
            `Connect: ${ms(lang, r.connectMs)}`,
            `Round-trip latency (${n0.format(l.received)} messages of ${n0.format(r.payloadBytes)} bytes, one at a time): min ${ms(lang, l.minMs)} · median ${ms(lang, l.p50Ms)} · p95 ${ms(lang, l.p95Ms)} · max ${ms(lang, l.maxMs)}`,
            `Throughput (burst of ${n0.format(t.sent)} messages): ${n0.format(t.messagesPerSecond)} messages/s · ${rate(lang, t.bytesPerSecond)} in ${ms(lang, t.seconds * 1000)}`,
            r.lost === 0 ? `Lost: none of ${n0.format(r.sent)}.` : `LOST: ${n0.format(r.lost)} of ${n0.format(r.sent)} (latency ${l.lost}, burst ${t.lost}).`,
            ...(t.lost > 0 && r.qos === 1
                ? ['The broker dropped QoS 1 messages queued for this client: Mosquitto keeps at most max_queued_messages (default 1000). Raise it (0 = no limit) or lower --count.']
                : []),
        ];
    return [...(note ? [note] : []), ...lines].join('\n');
}
/**
 * Progress on stderr, so that stdout keeps only the figures: one line rewritten in place on
 * a terminal, one line per phase when stderr is a file or a pipe (a log must not fill with \r).
 */
function progressPrinter(url, lang, count) {
    const tty = Boolean(process.stderr.isTTY);
    const fr = lang === 'fr';
    let lastPhase;
    let lastPercent = -1;
    const label = (phase) => (fr
        ? { connect: 'connexion', latency: `latence (${count} allers-retours)`, burst: `débit (rafale de ${count} messages)` }
        : { connect: 'connecting', latency: `latency (${count} round trips)`, burst: `throughput (burst of ${count} messages)` })[phase];
    const head = `${fr ? 'Test du courtier' : 'Testing broker'} ${url}${fr ? ' : ' : ': '}`;
    return {
        update(done, total, phase) {
            const percent = Math.floor((100 * done) / total);
            if (phase === lastPhase && percent === lastPercent)
                return;
            const newPhase = phase !== lastPhase;
            lastPhase = phase;
            lastPercent = percent;
            if (tty)
                process.stderr.write(`\r\x1b[K${head}${label(phase)} ${percent} %`);
            else if (newPhase)
                process.stderr.write(`${head}${label(phase)}…\n`);
        },
        end() {
            if (tty && lastPhase)
                process.stderr.write('\r\x1b[K');
            lastPhase = undefined;
        },
    };
}
/** DESIGN §7 "broker test": latency and throughput of the broker this server uses. */
export function addBrokerCommands(program, cli) {
    program.command('broker-test')
        .description('Mesure la latence et le débit du courtier MQTT configuré / measure the configured MQTT broker\'s latency and throughput')
        .option('--count <n>', 'allers-retours mesurés, et messages de la rafale / round trips, and messages in the burst', '200')
        .option('--size <bytes>', 'taille de chaque message / size of each message', '1024')
        .option('--qos <0|1>', 'qualité de service / quality of service', '1')
        .option('--timeout <seconds>', 'attente maximale sans réponse du courtier / longest wait for the broker', '10')
        .action(async (o) => {
        const json = Boolean(program.opts().json);
        // Checked before anything starts: a refused option must not leave a broker running.
        const count = whole('--count', o.count, 1, 100_000);
        const payloadBytes = whole('--size', o.size, 8, 16 * 1024 * 1024);
        const qos = whole('--qos', o.qos, 0, 1);
        const timeoutMs = whole('--timeout', o.timeout, 1, 3600) * 1000;
        await cli.withServer(async (_server, s) => {
            const lang = cli.lang();
            let broker;
            let url = s.mqttUrl;
            let embedded = null;
            let note = { fr: '', en: '' };
            if (!url) {
                // Without MQTT_URL the centres use the embedded broker that `docstream-server run`
                // hosts: measure that one when it runs, else one started just for the test.
                if (await listening(EMBEDDED_BROKER_PORT)) {
                    url = `mqtt://127.0.0.1:${EMBEDDED_BROKER_PORT}`;
                    embedded = 'service';
                    note = {
                        fr: `Aucun courtier configuré (MQTT_URL) : test du courtier embarqué (aedes) du service en cours, ${url}.`,
                        en: `No broker configured (MQTT_URL): testing the running service's embedded broker (aedes), ${url}.`,
                    };
                }
                else {
                    broker = await startEmbeddedBroker(0);
                    url = broker.url;
                    embedded = 'temporary';
                    note = {
                        fr: `Aucun courtier configuré (MQTT_URL) : test d’un courtier embarqué (aedes) démarré pour l’occasion sur ${url}. Définissez MQTT_URL pour tester le vôtre.`,
                        en: `No broker configured (MQTT_URL): testing an embedded broker (aedes) started for the test on ${url}. Set MQTT_URL to test yours.`,
                    };
                }
            }
            const progress = json ? undefined : progressPrinter(redactBrokerUrl(url), lang, count);
            try {
                const r = await runBrokerTest({
                    url,
                    count,
                    payloadBytes,
                    qos,
                    timeoutMs,
                    ...(progress ? { onProgress: progress.update } : {}),
                });
                progress?.end();
                cli.say({ ...r, embedded, ...(embedded ? { note } : {}) }, report(r, 'fr', note.fr), report(r, 'en', note.en));
                // Losses at QoS 1 mean the broker dropped acknowledged messages: a script must notice.
                if (r.lost > 0 && r.qos === 1)
                    process.exitCode = 1;
            }
            finally {
                progress?.end();
                await broker?.close();
            }
        });
    });
}
