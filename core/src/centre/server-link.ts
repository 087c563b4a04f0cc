import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { parseNiu } from '../forms/niu.js';
import { isCalendarDate, displayNames, eventDateOf, searchableNames } from '../forms/validate.js';
import { formVersion } from '../forms/catalog-queries.js';
import type { Bodies, Message, MessageType } from '../transport/protocol.js';
import { nextContainerSeq, insertContainer } from './queries/transmission.js';
import * as s from './queries/server-link.js';
import { Privilege } from './privileges.js';
import type { Session, SessionRegistry } from './session.js';

export interface QueryCriteria {
  niu?: string;
  kind?: string;
  names?: string;
  from?: string;
  to?: string;
}

function invalid(fr: string, en: string, field: string): DocstreamError {
  return new DocstreamError('validation', fr, en, { problems: [{ field, fr, en }] });
}

/**
 * What the centre exchanges with the server besides its documents (DESIGN §7): its
 * account and profile (read-only mirrors), messages both ways, and queries to the
 * central database, whose results are stored with Status 2.
 */
export function createServerLink(db: Database, clock: Clock, sessions: SessionRegistry) {
  const view = { fr: 'consulter', en: 'viewing' };
  return {
    async account(session: Session): Promise<s.AccountMirror | undefined> {
      await sessions.require(db, session, Privilege.Agent, view);
      return s.accountMirror(db);
    },

    async profile(session: Session) {
      await sessions.require(db, session, Privilege.Agent, view);
      const [profile, signatories] = await Promise.all([s.profile(db), s.signatories(db)]);
      return { profile, signatories };
    },

    /** Elections this centre enters reports for, with its polling stations. */
    async elections(session: Session): Promise<s.CentreElection[]> {
      await sessions.require(db, session, Privilege.Agent, view);
      return s.elections(db);
    },

    messages: {
      async list(session: Session, opts: { unread?: boolean; limit?: number } = {}): Promise<s.MessageRow[]> {
        await sessions.require(db, session, Privilege.Agent, { fr: 'lire les messages', en: 'reading messages' });
        return s.listMessages(db, opts.unread ?? false, Math.min(Math.max(opts.limit ?? 50, 1), 500));
      },

      /** A message to the server (Secretary or Officer); sealed at the next packing. */
      async send(session: Session, body: string): Promise<s.MessageRow> {
        const text = body.trim();
        if (text.length === 0 || text.length > 4000) throw invalid('Message vide ou trop long (4 000 caractères au plus).', 'Message empty or too long (4,000 characters at most).', 'body');
        const now = clock.now();
        return db.tx(async (q) => {
          const u = await sessions.require(q, session, Privilege.Secretary, { fr: 'écrire au serveur central', en: 'writing to the central server' });
          const m = await s.insertMessage(q, { direction: 'out', body: text, author: u.full_name, authorId: u.id, serverSeq: null, at: now });
          await appendAudit(q, 'centre', { at: now, actorId: u.id, actorLogin: u.login, action: 'message_written', entity: 'message', entityId: m.id });
          return m;
        });
      },

      async markRead(session: Session, ids: number[]): Promise<number> {
        const now = clock.now();
        return db.tx(async (q) => {
          await sessions.require(q, session, Privilege.Agent, { fr: 'lire les messages', en: 'reading messages' });
          return s.markMessagesRead(q, ids, now);
        });
      },
    },

    queries: {
      /**
       * Asks the central database (Secretary or Officer): a NIU, or a kind with a name and
       * optional event dates. Checked here first, so a typo does not cost a query.
       */
      async ask(session: Session, c: QueryCriteria): Promise<s.QueryRow> {
        const criteria: QueryCriteria = {};
        if (c.niu?.trim()) {
          if (!parseNiu(c.niu.trim())) throw invalid(`NIU « ${c.niu} » mal saisi : relisez-le sur le document.`, `NIU “${c.niu}” mistyped: read it again from the document.`, 'niu');
          criteria.niu = c.niu.trim();
        } else {
          if (!c.kind || !(await formVersion(db, 'centre', c.kind))) throw invalid('Donnez un NIU, ou un type de document connu.', 'Give a NIU, or a known document kind.', 'kind');
          if (!c.names?.trim()) throw invalid('Une requête par type demande un nom.', 'A query by kind needs a name.', 'names');
          criteria.kind = c.kind;
          criteria.names = c.names.trim();
          for (const k of ['from', 'to'] as const) {
            const v = c[k];
            if (v === undefined) continue;
            if (!isCalendarDate(v)) throw invalid(`Date « ${k} » invalide, format AAAA-MM-JJ.`, `Invalid “${k}” date, use YYYY-MM-DD.`, k);
            criteria[k] = v;
          }
        }
        const now = clock.now();
        return db.tx(async (q) => {
          const u = await sessions.require(q, session, Privilege.Secretary, { fr: 'interroger le serveur central', en: 'querying the central server' });
          const row = await s.insertQuery(q, criteria, u.id, now);
          await appendAudit(q, 'centre', { at: now, actorId: u.id, actorLogin: u.login, action: 'query_asked', entity: 'query', entityId: row.id, details: { criteria } });
          return row;
        });
      },

      async list(session: Session, limit = 50): Promise<s.QueryRow[]> {
        await sessions.require(db, session, Privilege.Agent, view);
        return s.listQueries(db, limit);
      },

      async get(session: Session, id: number): Promise<s.QueryRow | undefined> {
        await sessions.require(db, session, Privilege.Agent, view);
        return s.queryById(db, id);
      },
    },
  };
}

/** Seals waiting queries and messages, one container each, in the packing transaction. */
export async function packRequests(q: Queryable, sealAs: (typ: MessageType, seq: number, body: unknown) => Buffer, at: Date): Promise<number> {
  const { queries, messages } = await s.lockUnpackedRequests(q, 100);
  for (const r of queries) {
    const seq = await nextContainerSeq(q);
    await insertContainer(q, { seq, msgType: 'query', sdc: sealAs('query', seq, { q: r.criteria } satisfies Bodies['query']), itemCount: 0, at }, []);
    await s.setRequestContainer(q, 'queries', r.id, seq);
  }
  for (const m of messages) {
    const seq = await nextContainerSeq(q);
    await insertContainer(q, { seq, msgType: 'message', sdc: sealAs('message', seq, { text: m.body, by: m.author } satisfies Bodies['message']), itemCount: 0, at }, []);
    await s.setRequestContainer(q, 'messages', m.id, seq);
  }
  return queries.length + messages.length;
}

export type Applied = { kind: 'result'; query: number; imported: number } | { kind: 'account' } | { kind: 'profile' } | { kind: 'message'; id: number } | { kind: 'election'; id: string };

/** Applies a server message other than an acknowledgement, inside the receiving transaction. */
export async function applyServerMessage(q: Queryable, msg: Message, now: Date): Promise<Applied | undefined> {
  const h = msg.header;
  switch (h.typ) {
    case 'account': {
      const b = msg.body as Bodies['account'];
      await s.saveAccount(q, { balance: Number(b.b), quota: Number(b.q), asOf: new Date(b.at), at: now });
      return { kind: 'account' };
    }
    case 'profile': {
      const b = msg.body as Bodies['profile'];
      await s.saveProfile(q, { name: String(b.name), city: String(b.city ?? ''), region: String(b.region ?? ''), phone: String(b.phone ?? ''), status: Number(b.status), as_of: new Date(b.at) },
        (Array.isArray(b.sig) ? b.sig : []).map((x) => ({ id: Number(x.id), name: String(x.name), title: String(x.title), national: Boolean(x.national) })), now);
      return { kind: 'profile' };
    }
    case 'message': {
      const b = msg.body as Bodies['message'];
      const m = await s.insertMessage(q, { direction: 'in', body: String(b.text).slice(0, 4000), author: String(b.by ?? '').slice(0, 200), authorId: null, serverSeq: h.seq, at: now });
      return { kind: 'message', id: m.id };
    }
    case 'result': {
      const b = msg.body as Bodies['result'];
      const asked = (await q.query<{ asked_by: number }>('SELECT asked_by FROM docstream.queries WHERE container_seq = $1', [b.seq]))[0];
      if (!asked) return undefined;
      const docs: s.ImportedDocument[] = [];
      for (const d of Array.isArray(b.docs) ? b.docs : []) {
        const form = await formVersion(q, 'centre', d.f, d.fv);
        // A version this centre does not have yet (pushed later) cannot be stored or shown.
        if (!form || !parseNiu(d.n)) continue;
        docs.push({ niu: d.n, form_id: d.f, form_version: d.fv, data: d.d, names_norm: searchableNames(form, d.d), names_display: displayNames(form, d.d), event_date: eventDateOf(form, d.d), validated_at: d.va });
      }
      const imported = await s.importDocuments(q, docs, asked.asked_by, now);
      const row = await s.answerQuery(q, b.seq, { outcome: 'answered', results: Array.isArray(b.docs) ? b.docs.length : 0, total: Number(b.total), imported, errorCode: null, fr: null, en: null, at: now });
      if (b.acct) await s.saveAccount(q, { balance: Number(b.acct.b), quota: Number(b.acct.q), asOf: new Date(b.acct.at), at: now });
      return { kind: 'result', query: row?.id ?? 0, imported };
    }
    case 'election': {
      const b = msg.body as Bodies['election'];
      await s.saveElection(q, {
        id: String(b.id), name: String(b.name), date: String(b.date),
        candidates: Array.isArray(b.candidates) ? b.candidates : [], stations: Array.isArray(b.stations) ? b.stations : [],
      }, now);
      return { kind: 'election', id: String(b.id) };
    }
    case 'error': {
      const b = msg.body as Bodies['error'];
      if (b.seq !== undefined) await s.answerQuery(q, Number(b.seq), { outcome: 'refused', results: 0, total: 0, imported: 0, errorCode: String(b.code), fr: String(b.fr), en: String(b.en), at: now });
      return undefined;
    }
    default:
      return undefined;
  }
}
