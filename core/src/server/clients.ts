import { foldName, likeEscape } from '../util/fold.js';
import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import type { Session } from '../auth/session.js';
import type { Bodies } from '../transport/protocol.js';
import { OperatorPrivilege as P, type Guard } from './guard.js';
import * as clients from './queries/clients.js';
import { openAccount, accountOf } from './queries/accounts.js';
import { insertNotice } from './queries/notices.js';
import { signatoriesFor } from './queries/signatories.js';
import { quarantineCount } from './queries/ingest.js';
import { certificatesOf } from './queries/pki.js';
import { trafficOf } from './queries/exchange.js';
import { issueEnrolmentCode } from './pki-service.js';

export const CLIENT_STATUS_LABELS: Record<number, { fr: string; en: string }> = {
  0: { fr: 'suspendu (quarantaine)', en: 'suspended (quarantine)' },
  1: { fr: 'services limités', en: 'limited services' },
  2: { fr: 'tout sauf requêtes', en: 'all but queries' },
  3: { fr: 'tous services', en: 'all services' },
};

export interface ClientInput {
  matricule?: string;
  name: string;
  city?: string;
  region?: string;
  phone?: string;
  status?: number;
}

/** What the centres list asks for: a filter (matricule prefix, or text in the name, city or region) and a page. */
export interface ClientPageInput {
  filter?: string;
  offset?: number;
  limit?: number;
}

export interface ClientPage {
  rows: clients.ClientListRow[];
  /** Centres the filter keeps, all pages together. */
  total: number;
  offset: number;
  limit: number;
  filter: string;
}

/** The largest page the list serves. */
export const CLIENT_PAGE_MAX = 200;


/** Checks a list request as a console or a command typed it, and turns it into SQL patterns. */
export function clientPageCriteria(input: ClientPageInput): clients.ClientPageCriteria & { filter: string } {
  const filter = (input.filter ?? '').trim();
  if ([...filter].length > 100 || /[\u0000-\u001f\u007f]/.test(filter)) throw invalid('Filtre : 100 caractères au plus, sans caractère de contrôle.', 'Filter: 100 characters at most, no control characters.', 'filter');
  const offset = input.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw invalid('Début de page : un nombre entier positif ou nul.', 'Page start: a whole number, 0 or more.', 'offset');
  const limit = input.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > CLIENT_PAGE_MAX) throw invalid(`Taille de page : de 1 à ${CLIENT_PAGE_MAX}.`, `Page size: 1 to ${CLIENT_PAGE_MAX}.`, 'limit');
  if (filter === '') return { filter, offset, limit };
  return {
    filter, offset, limit,
    textContains: `%${likeEscape(foldName(filter))}%`,
    ...(/^[0-9]{1,5}$/.test(filter) ? { matriculeRange: [filter.padEnd(5, '0'), filter.padEnd(5, '9')] as [string, string] } : {}),
  };
}

export type ClientChanges = Partial<Pick<ClientInput, 'name' | 'city' | 'region' | 'phone'>>;

function invalid(fr: string, en: string, field: string): DocstreamError {
  return new DocstreamError('validation', fr, en, { problems: [{ field, fr, en }] });
}

function checkStatus(status: number): number {
  if (!Number.isInteger(status) || status < 0 || status > 3) throw invalid('Statut : 0 (suspendu) à 3 (tous services).', 'Status: 0 (suspended) to 3 (all services).', 'status');
  return status;
}

function text(v: string | undefined, field: string, max: number, required = false): string {
  const t = (v ?? '').trim();
  if (required && t === '') throw invalid(`Champ « ${field} » obligatoire.`, `Field “${field}” is required.`, field);
  if (t.length > max || /[\u0000-\u001f\u007f]/.test(t)) throw invalid(`Champ « ${field} » : ${max} caractères au plus, sans caractère de contrôle.`, `Field “${field}”: ${max} characters at most, no control characters.`, field);
  return t;
}

/** The profile message for a centre: what the server holds about it, with its signatories. */
export async function profileOf(q: Queryable, matricule: string, at: Date): Promise<Bodies['profile']> {
  const c = await clients.clientByMatricule(q, matricule);
  if (!c) throw notFound(`Centre ${matricule}`, `Centre ${matricule}`);
  const sig = await signatoriesFor(q, matricule);
  return {
    name: c.name, city: c.city, region: c.region, phone: c.phone, status: c.status, at: at.toISOString(),
    sig: sig.map((s) => ({ id: s.id, name: s.full_name, title: s.title, national: s.matricule === null })),
  };
}

/** Who an action is recorded against: an operator, or a process setting itself up (the demo). */
export interface Actor {
  id: number | null;
  login: string;
}

/**
 * Registers a centre and opens its account, in the caller's transaction. The caller has
 * checked the privilege (an operator's guard) or is the in-process demo.
 */
export async function registerClient(q: Queryable, now: Date, actor: Actor, input: ClientInput): Promise<clients.ClientRow> {
  const name = text(input.name, 'name', 200, true);
  if (input.matricule !== undefined && !/^\d{5}$/.test(input.matricule)) throw invalid('Matricule : 5 chiffres.', 'Matricule: 5 digits.', 'matricule');
  const status = checkStatus(input.status ?? 3);
  const matricule = input.matricule ?? (await clients.nextMatricule(q));
  if (await clients.clientByMatricule(q, matricule)) throw new DocstreamError('conflict', `Le matricule ${matricule} existe déjà.`, `Matricule ${matricule} already exists.`);
  await clients.insertClient(q, { matricule, name, city: text(input.city, 'city', 100), region: text(input.region, 'region', 100), phone: text(input.phone, 'phone', 40), status }, now);
  await openAccount(q, matricule, now);
  await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'client_created', entity: 'client', entityId: matricule, details: { name, status } });
  return (await clients.clientByMatricule(q, matricule))!;
}

/**
 * The registry of centres (DESIGN §5, §7). A change the centre must know (profile,
 * status) is queued for it in the same transaction; reactivating a suspended client
 * integrates what it sent meanwhile (`release`, from the ingest).
 */
export function createClientService(db: Database, clock: Clock, guard: Guard, release: (q: Queryable, src: string, status: number) => Promise<{ containers: number; documents: number }>) {
  async function mustLock(q: Queryable, matricule: string): Promise<clients.ClientRow> {
    const c = await clients.clientByMatricule(q, matricule, true);
    if (!c) throw notFound(`Centre ${matricule}`, `Centre ${matricule}`);
    return c;
  }

  return {
    async add(session: Session, input: ClientInput): Promise<clients.ClientRow> {
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Operator, { fr: 'enregistrer un centre', en: 'registering a centre' });
        return registerClient(q, clock.now(), { id: actor.id, login: actor.login }, input);
      });
    },

    /**
     * Registers a centre and gives its one-time enrolment code, in one transaction: a
     * centre is never left registered without the code the operator was about to hand over.
     */
    async addWithCode(session: Session, input: ClientInput): Promise<{ client: Omit<clients.ClientRow, 'enrol_key'>; code: string; expiresAt: Date }> {
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Operator, { fr: 'enregistrer un centre', en: 'registering a centre' });
        const who = { id: actor.id, login: actor.login };
        const now = clock.now();
        const client = await registerClient(q, now, who, input);
        const { code, expiresAt } = await issueEnrolmentCode(q, now, who, client.matricule);
        // The key derived from the code proves an enrolment: it never leaves the core.
        const { enrol_key: _k, ...rest } = (await clients.clientByMatricule(q, client.matricule))!;
        return { client: rest, code, expiresAt };
      });
    },

    /** Name, city, region, phone; the centre receives its new profile. */
    async edit(session: Session, matricule: string, changes: ClientChanges): Promise<clients.ClientRow> {
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Operator, { fr: 'modifier un centre', en: 'editing a centre' });
        const c = await mustLock(q, matricule);
        const next = {
          name: changes.name === undefined ? c.name : text(changes.name, 'name', 200, true),
          city: changes.city === undefined ? c.city : text(changes.city, 'city', 100),
          region: changes.region === undefined ? c.region : text(changes.region, 'region', 100),
          phone: changes.phone === undefined ? c.phone : text(changes.phone, 'phone', 40),
        };
        await clients.updateClient(q, matricule, next, now);
        await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'client_edited', entity: 'client', entityId: matricule, details: { before: { name: c.name, city: c.city, region: c.region, phone: c.phone }, after: next } });
        await insertNotice(q, matricule, 'profile', await profileOf(q, matricule, now), now);
        return (await clients.clientByMatricule(q, matricule))!;
      });
    },

    /**
     * 0 suspended … 3 all services (supervisor). Leaving 0 integrates the quarantine in
     * the same transaction; the centre receives its new profile.
     */
    async setStatus(session: Session, matricule: string, status: number): Promise<{ released: { containers: number; documents: number } }> {
      checkStatus(status);
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Supervisor, { fr: 'changer le statut d’un centre', en: 'changing a centre’s status' });
        const c = await mustLock(q, matricule);
        await clients.setClientStatus(q, matricule, status, now);
        const released = c.status === 0 && status > 0 ? await release(q, matricule, status) : { containers: 0, documents: 0 };
        await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'client_status_changed', entity: 'client', entityId: matricule, details: { from: c.status, to: status, released } });
        await insertNotice(q, matricule, 'profile', await profileOf(q, matricule, now), now);
        return { released };
      });
    },

    /** Queues the current profile for the centre again. */
    async sendProfile(session: Session, matricule: string): Promise<Bodies['profile']> {
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Operator, { fr: 'envoyer un profil', en: 'sending a profile' });
        const p = await profileOf(q, matricule, now);
        await insertNotice(q, matricule, 'profile', p, now);
        await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'profile_sent', entity: 'client', entityId: matricule });
        return p;
      });
    },

    async get(session: Session, matricule: string): Promise<clients.ClientRow> {
      await guard(db, session, P.Viewer, { fr: 'consulter un centre', en: 'viewing a centre' });
      const c = await clients.clientByMatricule(db, matricule);
      if (!c) throw notFound(`Centre ${matricule}`, `Centre ${matricule}`);
      return c;
    },

    /** Everything the operator checks about a centre: profile, certificates, last contact, account, quarantine. */
    async details(session: Session, matricule: string) {
      const client = await this.get(session, matricule);
      const [certificates, traffic, account, quarantined, profile] = await Promise.all([
        certificatesOf(db, matricule), trafficOf(db, matricule), accountOf(db, matricule), quarantineCount(db, matricule), profileOf(db, matricule, clock.now()),
      ]);
      const { enrol_key: _k, ...rest } = client;
      return {
        client: { ...rest, enrolmentPending: client.enrol_key !== null },
        profile,
        certificates: certificates.map(({ pem: _p, ...c }) => c),
        lastContact: traffic?.last_seen ?? null,
        traffic,
        account,
        quarantined,
      };
    },

    /**
     * One page of the registry in matricule order, filtered and counted in SQL (up to
     * 100,000 centres: never the whole list). The filter keeps the matricules it begins
     * and the names, cities and regions it is part of, accents and case aside.
     */
    async page(session: Session, input: ClientPageInput = {}): Promise<ClientPage> {
      const c = clientPageCriteria(input);
      await guard(db, session, P.Viewer, { fr: 'consulter les centres', en: 'viewing centres' });
      const [rows, total] = await Promise.all([clients.clientPage(db, c), clients.clientCount(db, c)]);
      return { rows, total, offset: c.offset, limit: c.limit, filter: c.filter };
    },

    async list(session: Session): Promise<clients.ClientRow[]> {
      await guard(db, session, P.Viewer, { fr: 'consulter les centres', en: 'viewing centres' });
      return clients.listClients(db);
    },
  };
}

export type ClientService = ReturnType<typeof createClientService>;
