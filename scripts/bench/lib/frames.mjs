// A sealed `docs` container as a centre makes it, framed for the load generator
// (lib/publisher.mjs reads: topic length, topic, container length, container).
import { encodePayload } from '@docstream/core';
// Not part of the core's public API: how a centre seals, as ingest.mjs does.
import { seal } from '../../../core/dist/crypto/sdc.js';

export function sealedDocsFrame(c, list, serverPem) {
  const at = new Date();
  const seq = ++c.seq;
  const content = encodePayload({ header: { v: 1, typ: 'docs', src: c.matricule, dst: 'server', seq, ts: at.toISOString() }, body: { docs: list } });
  const sdc = seal({ content, signer: { certPem: c.certPem, privateKey: c.privateKey }, recipientCertPem: serverPem, signingTime: at });
  const topic = Buffer.from(`ds/v1/up/${c.matricule}`);
  const head = Buffer.alloc(2 + topic.length + 4);
  head.writeUInt16BE(topic.length, 0);
  topic.copy(head, 2);
  head.writeUInt32BE(sdc.length, 2 + topic.length);
  return { head, sdc };
}
