import { createPublicKey } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError, notFound } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { parseNiu } from '../forms/niu.js';
import { formVersion } from '../forms/catalog-queries.js';
import type { Label } from '../forms/types.js';
import { makeSeal, verifySeal, type SealCheck, type SealVerdict } from '../crypto/qr-seal.js';
import type { KeyAccess } from '../crypto/key-access.js';
import { renderCopy } from '../print/render.js';
import { checkTemplate, templateFor, type PrintTemplate } from '../print/template.js';
import { sealFields } from '../print/seal-fields.js';
import { centreInfo } from './queries/centre-info.js';
import { documentByNiu, documentByNumero } from './queries/documents.js';
import * as c from './queries/copies.js';
import { cancelledNius, revokedSealKeys, sealState } from './queries/seal.js';
import { profile as profileOf, signatories } from './queries/server-link.js';
import { loadSealKey } from './seal-key.js';
import { Privilege } from './privileges.js';
import type { Session, SessionRegistry } from './session.js';

type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** The PNG decoder and QR reader, loaded on the first image verified (not at every start). */
async function imageReaders(): Promise<{ PNG: typeof import('pngjs').PNG; jsQR: JsQR }> {
  const [{ PNG }, jsQRModule] = await Promise.all([import('pngjs'), import('jsqr')]);
  // A CommonJS module: its function arrives as the default of the namespace.
  const m = jsQRModule as unknown as { default?: { default?: unknown } };
  const jsQR = (m.default?.default ?? m.default ?? jsQRModule) as unknown as JsQR;
  return { PNG, jsQR };
}

export const VERDICT_LABELS: Record<SealVerdict, Label> = {
  authentic: { fr: 'AUTHENTIQUE : scellée par le centre indiqué, non modifiée', en: 'AUTHENTIC: sealed by the centre shown, unaltered' },
  cancelled: { fr: 'AUTHENTIQUE MAIS ANNULÉE : le document a été annulé depuis', en: 'AUTHENTIC BUT CANCELLED: the document was cancelled since' },
  revoked: { fr: 'CLÉ RÉVOQUÉE : la clé de sceau du centre a été révoquée ; ne pas s’y fier', en: 'KEY REVOKED: the centre’s seal key was revoked; do not rely on it' },
  forged: { fr: 'FAUX OU ALTÉRÉ : le sceau ne correspond pas', en: 'FORGED OR ALTERED: the seal does not match' },
  unreadable: { fr: 'ILLISIBLE : ce n’est pas un sceau Docstream lisible ; scannez de nouveau', en: 'UNREADABLE: not a readable Docstream seal; scan again' },
};

export interface Verification extends SealCheck {
  label: Label;
  /** The key fields with their labels, when the kind is known here. */
  lines: { name: string; label: Label; value: string }[];
  trustVersion: number | null;
}

function refuse(fr: string, en: string): DocstreamError {
  return new DocstreamError('invalid_state', fr, en);
}

/**
 * Certified copies (DESIGN §6): numbered, logged, sealed with a QR that anyone verifies
 * offline, reported to the server for billing; and the verification of a seal.
 */
export function createCopies(db: Database, clock: Clock, sessions: SessionRegistry, keys: KeyAccess | undefined) {
  async function verifyText(text: string): Promise<Verification> {
    const state = await sealState(db);
    if (!state?.seal_root) {
      throw new DocstreamError('pki', 'Ce centre ne connaît pas encore la clé racine des sceaux : inscrivez-le auprès du serveur central (enroll).', 'This centre does not know the seal root key yet: enrol it with the central server (enroll).');
    }
    const [trust] = await db.query<{ version: number }>(`SELECT version FROM docstream.bulletins WHERE typ = 'trust'`);
    const list = trust ? { revokedSealKeys: new Set(await revokedSealKeys(db)), cancelledNius: new Set(await cancelledNius(db)) } : undefined;
    const r = verifySeal(text, createPublicKey({ key: state.seal_root, format: 'der', type: 'spki' }), list);
    const form = r.content ? await formVersion(db, 'centre', r.content.kind, r.content.formVersion) : undefined;
    const lines = r.content ? Object.entries(r.content.fields).map(([name, value]) => ({ name, value, label: form?.fields.find((f) => f.name === name)?.label ?? { fr: name, en: name } })) : [];
    return { ...r, label: VERDICT_LABELS[r.verdict], lines, trustVersion: trust?.version ?? null };
  }

  return {
    /**
     * Issues the next certified copy of a validated, non-cancelled document (Officer):
     * numbered, sealed, logged and queued for the server's billing in one transaction.
     */
    async issue(session: Session, ref: string | number, opts: { signatoryId?: number } = {}): Promise<{ copy: c.CopyRow; pdf: Buffer }> {
      const now = clock.now();
      if (!keys) throw new DocstreamError('key_locked', 'Clé de sceau inaccessible : donnez la phrase secrète (DOCSTREAM_KEY_PASSPHRASE ou --passphrase-file).', 'Seal key unavailable: give the passphrase (DOCSTREAM_KEY_PASSPHRASE or --passphrase-file).');
      const sealKey = await loadSealKey(keys, false);
      return db.tx(async (q) => {
        const actor = await sessions.require(q, session, Privilege.Officer, { fr: 'délivrer une copie certifiée', en: 'issuing a certified copy' });
        const found = typeof ref === 'number' || /^\d+$/.test(ref) ? await documentByNumero(q, Number(ref), true) : parseNiu(ref) ? await documentByNiu(q, ref) : undefined;
        if (!found) throw notFound(`Document ${ref}`, `Document ${ref}`);
        const doc = (await documentByNumero(q, found.numero, true))!;
        if (doc.stage !== 'validated' || !doc.niu || doc.status === 0 || doc.status === 1) {
          throw refuse('Seuls les documents validés et non annulés ont des copies certifiées.', 'Only validated, non-cancelled documents have certified copies.');
        }
        if ((await q.query('SELECT 1 FROM docstream.trust_cancelled WHERE niu = $1', [doc.niu])).length > 0) {
          throw refuse(`Le document ${doc.niu} est annulé selon la liste de confiance du serveur central : pas de copie.`, `Document ${doc.niu} is cancelled according to the central server’s trust list: no copy.`);
        }
        const state = await sealState(q);
        if (!state?.seal_attestation || !sealKey) {
          throw new DocstreamError('pki', 'La clé de sceau du centre n’est pas encore attestée par le serveur central : faites un échange (run, ou t2d export puis import) et réessayez.',
            'The centre’s seal key is not attested by the central server yet: run an exchange (run, or t2d export then import) and try again.');
        }
        const form = await formVersion(q, 'centre', doc.form_id, doc.form_version);
        if (!form) throw notFound(`Formulaire ${doc.form_id} v${doc.form_version}`, `Form ${doc.form_id} v${doc.form_version}`);
        const template = templateFor(form, await c.installedTemplate(q, form.id));
        const copyNo = await c.nextCopyNumber(q, doc.niu);
        const seal = makeSeal({ niu: doc.niu, kind: form.id, formVersion: form.version, fields: sealFields(form, doc.data), issuedOn: now, copy: copyNo }, sealKey, state.seal_attestation);
        const centre = (await centreInfo(q))!;
        const prof = await profileOf(q);
        const sigs = await signatories(q);
        const sig = opts.signatoryId !== undefined ? sigs.find((s) => s.id === opts.signatoryId) : sigs.find((s) => !s.national);
        if (opts.signatoryId !== undefined && !sig) throw notFound(`Signataire ${opts.signatoryId}`, `Signatory ${opts.signatoryId}`);
        const pdf = await renderCopy({
          template, form, qrText: seal,
          document: { niu: doc.niu, data: doc.data, validatedAt: doc.validated_at!, formVersion: doc.form_version },
          copy: {
            number: copyNo, issuedAt: now, issuedBy: actor.full_name,
            ...(sig ? { signatory: { name: sig.full_name, title: sig.title } } : {}),
            centre: { matricule: centre.matricule, name: centre.name, ...(prof?.city ? { city: prof.city } : {}) },
          },
        });
        const copy = await c.insertCopy(q, { document_numero: doc.numero, niu: doc.niu, copy_no: copyNo, issued_by: actor.id, issued_at: now, signatory: sig ? `${sig.full_name}, ${sig.title}` : actor.full_name, seal });
        await appendAudit(q, 'centre', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'copy_issued', entity: 'document', entityId: doc.numero, details: { niu: doc.niu, copy: copyNo } });
        return { copy, pdf };
      });
    },

    async list(session: Session, niu?: string, limit = 100) {
      await sessions.require(db, session, Privilege.Agent, { fr: 'consulter les copies', en: 'viewing copies' });
      return c.listCopies(db, niu, limit);
    },

    /** Verifies the text of a seal (typed by a USB scanner, or pasted), offline. */
    verify: verifyText,

    /** Verifies the QR found in a PNG image (a scan or a photo of a copy). */
    async verifyImage(png: Buffer): Promise<Verification> {
      let text: string | undefined;
      const { PNG, jsQR } = await imageReaders();
      try {
        const img = PNG.sync.read(png);
        text = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data;
      } catch {
        text = undefined;
      }
      if (!text) return { verdict: 'unreadable', detail: 'no QR code found in the image', trustChecked: false, label: VERDICT_LABELS.unreadable, lines: [], trustVersion: null };
      return verifyText(text);
    },

    templates: {
      /** The template in use for a kind: the centre's own, or the shipped default. */
      async get(session: Session, formId: string): Promise<{ template: PrintTemplate; installed: boolean }> {
        await sessions.require(db, session, Privilege.Agent, { fr: 'consulter un modèle', en: 'viewing a template' });
        const form = await formVersion(db, 'centre', formId);
        if (!form) throw notFound(`Formulaire ${formId}`, `Form ${formId}`);
        const installed = await c.installedTemplate(db, formId);
        return { template: templateFor(form, installed), installed: installed !== undefined };
      },

      /** The centre's own template for a kind (Officer), checked first: an error names its place. */
      async install(session: Session, formId: string, raw: unknown): Promise<PrintTemplate> {
        const now = clock.now();
        return db.tx(async (q) => {
          const actor = await sessions.require(q, session, Privilege.Officer, { fr: 'changer un modèle d’impression', en: 'changing a print template' });
          const form = await formVersion(q, 'centre', formId);
          if (!form) throw notFound(`Formulaire ${formId}`, `Form ${formId}`);
          const t = checkTemplate(raw, form);
          await c.saveTemplate(q, formId, t, actor.id, now);
          await appendAudit(q, 'centre', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'template_installed', entity: 'form', entityId: formId });
          return t;
        });
      },

      /** Back to the shipped default (Officer). */
      async reset(session: Session, formId: string): Promise<boolean> {
        const now = clock.now();
        return db.tx(async (q) => {
          const actor = await sessions.require(q, session, Privilege.Officer, { fr: 'changer un modèle d’impression', en: 'changing a print template' });
          const removed = await c.removeTemplate(q, formId);
          if (removed) await appendAudit(q, 'centre', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'template_reset', entity: 'form', entityId: formId });
          return removed;
        });
      },
    },
  };
}

export type Copies = ReturnType<typeof createCopies>;
