import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { signOnly } from '../crypto/sdc.js';
import { encodePayload } from '../transport/codec.js';
import { BROADCAST_DST, SERVER_ID, type Bodies, type Message } from '../transport/protocol.js';
import { installForm } from '../forms/catalog.js';
import { formVersion } from '../forms/catalog-queries.js';
import type { FormDef } from '../forms/types.js';
import type { Session } from '../auth/session.js';
import { OperatorPrivilege as P, type Guard } from './guard.js';
import type { ServerIdentity } from './identity.js';
import * as b from './queries/bulletins.js';

export interface Bulletin {
  typ: b.BulletinType;
  version: number;
  bytes: Buffer;
}

/**
 * What the server says to every centre at once on the broadcast topic (DESIGN §4, §5):
 * the trust list (revoked certificates, cancelled NIUs) and the pushed form definitions.
 * Public content, so signed but not encrypted (a CMS SignedData `openssl cms -verify`
 * checks); each carries a version, and a centre keeps only a newer one.
 */
export function createBulletins(db: Database, clock: Clock, identity: () => Promise<ServerIdentity>, guard: Guard) {
  return {
    /** Rebuilds the bulletins whose content changed; returns them, to publish. */
    async refresh(): Promise<Bulletin[]> {
      const marks = { trust: await b.trustMark(db), forms: (await b.pushedForms(db)).map((f) => `${f.id}@${f.version}`).join(',') };
      const rows = await b.bulletins(db);
      if (rows.every((r) => r.mark === marks[r.typ] && r.sdc)) return [];
      const id = await identity();
      return db.tx(async (q) => {
        const out: Bulletin[] = [];
        for (const row of await b.bulletins(q, true)) {
          const mark = row.typ === 'trust' ? await b.trustMark(q) : (await b.pushedForms(q)).map((f) => `${f.id}@${f.version}`).join(',');
          if (mark === row.mark && row.sdc) continue;
          const body: Bodies['trust'] | Bodies['forms'] = row.typ === 'trust' ? await b.trustContent(q) : { forms: await b.pushedForms(q) };
          const now = clock.now();
          const version = row.version + 1;
          const msg = { header: { v: 1, typ: row.typ, src: SERVER_ID, dst: BROADCAST_DST, seq: version, ts: now.toISOString() }, body } as Message;
          const bytes = signOnly({ content: encodePayload(msg), signer: { certPem: id.serverPem, privateKey: id.serverKey }, signingTime: now });
          await b.saveBulletin(q, { typ: row.typ, version, mark, sdc: bytes, at: now });
          out.push({ typ: row.typ, version, bytes });
        }
        return out;
      });
    },

    /** The current bulletins (for a T2D answer, or a newly connected broker). */
    async current(): Promise<Bulletin[]> {
      return (await b.bulletins(db)).filter((r) => r.sdc).map((r) => ({ typ: r.typ, version: r.version, bytes: r.sdc! }));
    },

    async unpublished(): Promise<Bulletin[]> {
      return (await b.bulletins(db)).filter((r) => r.sdc && !r.published_at).map((r) => ({ typ: r.typ, version: r.version, bytes: r.sdc! }));
    },

    markPublished: (typ: b.BulletinType, version: number) => b.markBulletinPublished(db, typ, version, clock.now()),

    /** A new form or form version (supervisor): checked, installed with its view; not yet pushed. */
    async installForm(session: Session, raw: unknown): Promise<FormDef> {
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Supervisor, { fr: 'installer un formulaire', en: 'installing a form' });
        return installForm(q, 'server', raw, actor, now);
      });
    },

    /** Sends a form version to every centre with the next forms bulletin (supervisor). */
    async pushForm(session: Session, formId: string, version?: number): Promise<FormDef> {
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Supervisor, { fr: 'diffuser un formulaire', en: 'pushing a form' });
        const def = await formVersion(q, 'server', formId, version);
        if (!def) throw notFound(`Formulaire ${formId}${version ? ` v${version}` : ''}`, `Form ${formId}${version ? ` v${version}` : ''}`);
        if (!(await b.markFormPushed(q, def.id, def.version, now))) throw new DocstreamError('not_found', 'Formulaire introuvable.', 'Form not found.');
        await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'form_pushed', entity: 'form', entityId: def.id, details: { version: def.version } });
        return def;
      });
    },
  };
}

export type Bulletins = ReturnType<typeof createBulletins>;
