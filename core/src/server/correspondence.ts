import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import type { Session } from '../auth/session.js';
import { OperatorPrivilege as P, type Guard } from './guard.js';
import { clientByMatricule } from './queries/clients.js';
import { insertNotice } from './queries/notices.js';
import * as m from './queries/messages.js';
import * as s from './queries/signatories.js';
import { profileOf } from './clients.js';

function invalid(fr: string, en: string, field: string): DocstreamError {
  return new DocstreamError('validation', fr, en, { problems: [{ field, fr, en }] });
}

export function messageText(body: string): string {
  const t = body.trim();
  if (t.length === 0 || t.length > 4000) throw invalid('Message vide ou trop long (4 000 caractères au plus).', 'Message empty or too long (4,000 characters at most).', 'body');
  return t;
}

function label(v: string, field: string): string {
  const t = v.trim();
  if (t.length === 0 || t.length > 200 || /[\u0000-\u001f\u007f]/.test(t)) throw invalid(`« ${field} » obligatoire, 200 caractères au plus.`, `“${field}” required, 200 characters at most.`, field);
  return t;
}

/** Messages to and from centres (DESIGN §7), and the file of signatories printed on copies. */
export function createCorrespondence(db: Database, clock: Clock, guard: Guard) {
  return {
    messages: {
      /** Free text to a centre (operator); it travels sealed at the next exchange. */
      async send(session: Session, matricule: string, body: string): Promise<m.MessageRow> {
        const text = messageText(body);
        const now = clock.now();
        return db.tx(async (q) => {
          const actor = await guard(q, session, P.Operator, { fr: 'écrire aux centres', en: 'writing to centres' });
          if (!(await clientByMatricule(q, matricule))) throw notFound(`Centre ${matricule}`, `Centre ${matricule}`);
          const row = await m.insertMessage(q, { matricule, direction: 'out', body: text, author: actor.fullName, operatorId: actor.id, srcSeq: null, at: now });
          await insertNotice(q, matricule, 'message', { text, by: actor.fullName }, now);
          await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'message_sent', entity: 'client', entityId: matricule, details: { id: row.id } });
          return row;
        });
      },

      async list(session: Session, f: { matricule?: string; unread?: boolean; limit?: number } = {}): Promise<m.MessageRow[]> {
        await guard(db, session, P.Viewer, { fr: 'lire les messages', en: 'reading messages' });
        return m.listMessages(db, { ...f, limit: Math.min(Math.max(f.limit ?? 50, 1), 500) });
      },

      async markRead(session: Session, ids: number[]): Promise<number> {
        const now = clock.now();
        return db.tx(async (q) => {
          await guard(q, session, P.Viewer, { fr: 'lire les messages', en: 'reading messages' });
          return m.markMessagesRead(q, ids, now);
        });
      },
    },

    signatories: {
      async list(session: Session, matricule?: string): Promise<s.SignatoryRow[]> {
        await guard(db, session, P.Viewer, { fr: 'consulter les signataires', en: 'viewing signatories' });
        return s.listSignatories(db, matricule);
      },

      /** A signatory for one centre, or national (no matricule); the centres concerned receive their profile. */
      async add(session: Session, input: { matricule?: string; fullName: string; title: string }): Promise<s.SignatoryRow> {
        const fullName = label(input.fullName, 'fullName');
        const title = label(input.title, 'title');
        const now = clock.now();
        return db.tx(async (q) => {
          const actor = await guard(q, session, P.Supervisor, { fr: 'gérer les signataires', en: 'managing signatories' });
          if (input.matricule !== undefined && !(await clientByMatricule(q, input.matricule))) throw notFound(`Centre ${input.matricule}`, `Centre ${input.matricule}`);
          const row = await s.insertSignatory(q, { matricule: input.matricule ?? null, fullName, title, at: now });
          await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'signatory_added', entity: 'signatory', entityId: row.id, details: { matricule: row.matricule, fullName, title } });
          for (const c of await s.clientsOfSignatory(q, row.matricule)) await insertNotice(q, c, 'profile', await profileOf(q, c, now), now);
          return row;
        });
      },

      async edit(session: Session, id: number, changes: { fullName?: string; title?: string; active?: boolean }): Promise<s.SignatoryRow> {
        const now = clock.now();
        return db.tx(async (q) => {
          const actor = await guard(q, session, P.Supervisor, { fr: 'gérer les signataires', en: 'managing signatories' });
          const cur = await s.signatoryById(q, id, true);
          if (!cur) throw notFound(`Signataire ${id}`, `Signatory ${id}`);
          const next = {
            fullName: changes.fullName === undefined ? cur.full_name : label(changes.fullName, 'fullName'),
            title: changes.title === undefined ? cur.title : label(changes.title, 'title'),
            active: changes.active ?? cur.active,
          };
          await s.updateSignatory(q, id, { ...next, at: now });
          await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'signatory_edited', entity: 'signatory', entityId: id, details: { before: { fullName: cur.full_name, title: cur.title, active: cur.active }, after: next } });
          for (const c of await s.clientsOfSignatory(q, cur.matricule)) await insertNotice(q, c, 'profile', await profileOf(q, c, now), now);
          return (await s.signatoryById(q, id))!;
        });
      },
    },
  };
}
