import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import * as clients from './queries/clients.js';

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

function invalid(fr: string, en: string, field: string): DocstreamError {
  return new DocstreamError('validation', fr, en, { problems: [{ field, fr, en }] });
}

/**
 * The registry of centres. This issue needs creation, status and listing for enrolment
 * and quarantine; the rest of client administration comes with "Server administration".
 */
export function createClientService(db: Database, clock: Clock) {
  return {
    async add(input: ClientInput): Promise<clients.ClientRow> {
      const name = input.name.trim();
      if (name === '') throw invalid('Nom du centre obligatoire.', 'Centre name required.', 'name');
      if (input.matricule !== undefined && !/^\d{5}$/.test(input.matricule)) throw invalid('Matricule : 5 chiffres.', 'Matricule: 5 digits.', 'matricule');
      const status = input.status ?? 3;
      if (!Number.isInteger(status) || status < 0 || status > 3) throw invalid('Statut : 0 à 3.', 'Status: 0 to 3.', 'status');
      const now = clock.now();
      return db.tx(async (q) => {
        const matricule = input.matricule ?? (await clients.nextMatricule(q));
        await clients.insertClient(q, { matricule, name, city: input.city?.trim() ?? '', region: input.region?.trim() ?? '', phone: input.phone?.trim() ?? '', status }, now);
        await appendAudit(q, 'server', { at: now, actorId: null, actorLogin: null, action: 'client_created', entity: 'client', entityId: matricule, details: { name, status } });
        return (await clients.clientByMatricule(q, matricule))!;
      });
    },

    async setStatus(matricule: string, status: number): Promise<void> {
      if (!Number.isInteger(status) || status < 0 || status > 3) throw invalid('Statut : 0 à 3.', 'Status: 0 to 3.', 'status');
      const now = clock.now();
      await db.tx(async (q) => {
        const c = await clients.clientByMatricule(q, matricule, true);
        if (!c) throw notFound(`Centre ${matricule}`, `Centre ${matricule}`);
        await clients.setClientStatus(q, matricule, status, now);
        await appendAudit(q, 'server', { at: now, actorId: null, actorLogin: null, action: 'client_status_changed', entity: 'client', entityId: matricule, details: { from: c.status, to: status } });
      });
    },

    get: (matricule: string) => clients.clientByMatricule(db, matricule),
    list: () => clients.listClients(db),
  };
}
