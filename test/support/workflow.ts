import { expect } from 'vitest';
import { isValidNiu, type DocumentView } from '@docstream/core';
import { birth, type Staff } from './centre-fixture.js';

/**
 * The whole workflow by three users of the three roles: the Agent drafts, the Secretary
 * sends it back once then checks it, the Officer validates it. Returns the document.
 */
export async function runWorkflow({ centre, agent, secretary, officer }: Staff): Promise<DocumentView> {
  const draft = await centre.documents.draft(agent, 'acte_naissance', birth({ lieu_naissance: 'Bamak' }));
  expect(draft).toMatchObject({ stage: 'draft', status: 1, niu: null });

  const back = await centre.documents.sendBack(secretary, draft.numero, 'Lieu de naissance mal orthographié');
  expect(back).toMatchObject({ stage: 'draft', remark: 'Lieu de naissance mal orthographié' });

  await centre.documents.edit(agent, draft.numero, { lieu_naissance: 'Bamako' });
  const checked = await centre.documents.verify(secretary, draft.numero);
  expect(checked).toMatchObject({ stage: 'verified', status: 1, remark: null });

  const validated = await centre.documents.validate(officer, draft.numero);
  expect(validated.stage).toBe('validated');
  expect(validated.status).toBe(3);
  expect(validated.niu).toMatch(/^00042-\d{4}-000001-\d{2}$/);
  expect(isValidNiu(validated.niu!)).toBe(true);

  const stored = await centre.documents.get(agent, validated.niu!);
  expect(stored.data).toMatchObject({ lieu_naissance: 'Bamako', enfant: { nom: 'KONÉ', prenoms: 'Aminata Fatou' } });

  const queued = await centre.documents.pendingTransmissions(agent);
  expect(queued).toEqual([expect.objectContaining({ msg_type: 'docs', niu: validated.niu, document_numero: draft.numero })]);

  const history = await centre.documents.history(officer, draft.numero);
  expect(history.map((h) => [h.action, h.actorLogin])).toEqual([
    ['document_drafted', 'awa'],
    ['document_sent_back', 'sekou'],
    ['document_edited', 'awa'],
    ['document_verified', 'sekou'],
    ['document_validated', 'chef'],
  ]);
  expect((await centre.verifyAudit()).ok).toBe(true);
  return validated;
}
