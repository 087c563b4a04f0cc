import type { Transmission, CentreReceive } from '../centre/transmission.js';
import type { Server } from '../server/create-server.js';
import { bundleError, readBundle, writeBundle } from './t2d.js';
import { SERVER_ID } from './protocol.js';
import type { BulletinOutcome } from '../centre/bulletins.js';

/** Centre: every unanswered container (and, before enrolment, the request) into a bundle file. */
export async function exchangeBundle(tx: Transmission, path: string, extra: Buffer[] = []): Promise<{ containers: number; bytes: number }> {
  const matricule = await tx.matricule();
  const enrolled = await tx.enrolled();
  if (enrolled) await tx.pack();
  const pending = enrolled ? await tx.unacknowledged() : [];
  const containers = [...extra, ...pending.map((c) => c.sdc)];
  const hello = enrolled ? [await tx.hello()] : [];
  const bytes = await writeBundle(path, { from: matricule ?? '', to: SERVER_ID, createdAt: new Date().toISOString(), certificates: [], containers: [...hello, ...containers] });
  if (pending.length) await tx.markSent(pending.map((c) => c.seq), bytes);
  return { containers: containers.length, bytes };
}

/** Centre: applies the server's answer bundle. */
export async function importAnswer(tx: Transmission, path: string): Promise<(CentreReceive | BulletinOutcome)[]> {
  const b = await readBundle(path);
  const matricule = await tx.matricule();
  if (b.to !== matricule) throw bundleError(path, `ce lot est destiné au centre ${b.to}, pas à ${matricule}.`, `this bundle is for centre ${b.to}, not ${matricule}.`);
  const out: (CentreReceive | BulletinOutcome)[] = [];
  for (const c of b.containers) out.push(await tx.receive(c));
  // After the containers: an enrolment in the same bundle gives the keys to check them.
  for (const c of b.bulletins ?? []) out.push(await tx.receiveBulletin(c));
  return out;
}

/**
 * Server: ingests a centre's bundle exactly like MQTT traffic, and writes the answer
 * bundle for the return trip (with the chain, so the centre can check it offline).
 */
export async function answerBundle(server: Server, inPath: string, outPath: string) {
  const b = await readBundle(inPath);
  if (!/^\d{5}$/.test(b.from) || b.to !== SERVER_ID) throw bundleError(inPath, 'ce lot n’est pas adressé au serveur central.', 'this bundle is not addressed to the central server.');
  const replies: Buffer[] = [];
  const delivered: { dst: string; seq: number }[] = [];
  const outcomes = [];
  // What operators queued for centres goes into the outbox first, so the centre's hello brings it back.
  for (let sealed = await server.sealNotices(); sealed.length > 0; sealed = await server.sealNotices());
  for (const c of b.containers) {
    const r = await server.ingest.receive(c, b.from);
    outcomes.push(r.outcome);
    for (const reply of r.replies) {
      if (reply.dst !== b.from) continue;
      replies.push(reply.bytes);
      if (reply.seq > 0) delivered.push({ dst: reply.dst, seq: reply.seq });
    }
  }
  const certs = await server.pki.certificates();
  await server.bulletins.refresh();
  const bulletins = (await server.bulletins.current()).map((x) => x.bytes);
  await writeBundle(outPath, { from: SERVER_ID, to: b.from, createdAt: new Date().toISOString(), certificates: certs ? [certs.caPem, certs.serverPem] : [], containers: replies, bulletins });
  await server.transport.markSent(delivered);
  return { outcomes, answers: replies.length };
}
