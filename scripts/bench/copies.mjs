#!/usr/bin/env node
// Certified copies: how many PDFs of a birth certificate with its QR seal one core makes
// per second, and how many seals it verifies per second (offline, root key + trust list).
//
//   npm run bench:copies -- [--pdfs 200] [--seals 5000] [--seed 42]
//
// No database, no broker: the core's own functions (makeSeal, renderCopy, verifySeal) on
// one thread, the parts of `docstream-centre copy` and `verify` that cost CPU. Each copy
// is a different person (names from lib/names.mjs), so nothing is cached between them.

import { performance } from 'node:perf_hooks';
import {
  attestSealKey, generateSealKeyPair, makeSeal, qrVersionFor, renderCopy, sealFields, shippedForms, templateFor, verifySeal,
} from '@docstream/core';
import { fixed, int, machine, parseArgs, run } from './lib/env.mjs';
import { FAMILY, FEMALE, MALE, rng, words } from './lib/names.mjs';

const USAGE = `usage: node scripts/bench/copies.mjs [--pdfs N] [--seals N] [--seed N]`;
const opts = parseArgs(process.argv.slice(2), { pdfs: 200, seals: 5000, seed: 42 }, USAGE);

run(async () => {
  console.log(`machine:    ${(await machine()).text}, Node ${process.versions.node}`);
  const form = shippedForms().find((f) => f.id === 'acte_naissance');
  const template = templateFor(form);
  const root = generateSealKeyPair();
  const centre = generateSealKeyPair();
  const attestation = attestSealKey({ matricule: '00042', publicKey: centre.publicKey, notBefore: new Date('2026-01-01'), notAfter: new Date('2029-01-01') }, root.privateKey);
  const { pick } = rng(opts.seed);
  const SURNAMES = words(FAMILY).map((w) => w.toUpperCase());
  const GIVEN = [...words(MALE), ...words(FEMALE)];
  const docs = Array.from({ length: Math.max(opts.pdfs, 50) }, (_, i) => ({
    niu: `00042-2026-${String(i + 1).padStart(6, '0')}-00`,
    data: {
      enfant: { nom: pick(SURNAMES), prenoms: `${pick(GIVEN)} ${pick(GIVEN)}` }, sexe: i % 2 ? 'F' : 'M', date_naissance: '2026-03-01',
      lieu_naissance: 'Bamako, Commune IV', mere: { nom: pick(SURNAMES), prenoms: pick(GIVEN) }, pere: { nom: pick(SURNAMES), prenoms: pick(GIVEN) },
      date_declaration: '2026-03-04',
    },
  }));
  const issuedOn = new Date('2026-11-24T10:00:00Z');
  const seal = (d, copy) => makeSeal({ niu: d.niu, kind: form.id, formVersion: form.version, fields: sealFields(form, d.data), issuedOn, copy }, centre.privateKey, attestation);

  // warm-up: fonts, code paths
  for (let i = 0; i < 10; i++) await renderCopy({ template, form, qrText: seal(docs[i], 1), document: { niu: docs[i].niu, data: docs[i].data, validatedAt: issuedOn, formVersion: 1 }, copy: { number: 1, issuedAt: issuedOn, issuedBy: 'Awa Traoré', centre: { matricule: '00042', name: 'Mairie de Kati', city: 'Kati' } } });

  const texts = [];
  let bytes = 0;
  let t = performance.now();
  for (let i = 0; i < opts.pdfs; i++) {
    const d = docs[i % docs.length];
    const text = seal(d, 1 + Math.floor(i / docs.length));
    texts.push(text);
    const pdf = await renderCopy({ template, form, qrText: text, document: { niu: d.niu, data: d.data, validatedAt: issuedOn, formVersion: 1 }, copy: { number: 1, issuedAt: issuedOn, issuedBy: 'Awa Traoré', signatory: { name: 'Mariam Coulibaly', title: 'Officier de l’état civil' }, centre: { matricule: '00042', name: 'Mairie de Kati', city: 'Kati' } } });
    bytes += pdf.length;
  }
  const pdfSeconds = (performance.now() - t) / 1000;
  const lengths = texts.map((x) => x.length).sort((a, b) => a - b);
  const versions = [...new Set(texts.slice(0, 50).map((x) => qrVersionFor(x)))].sort((a, b) => a - b);

  t = performance.now();
  for (let i = 0; i < opts.seals; i++) seal(docs[i % docs.length], 1);
  const sealSeconds = (performance.now() - t) / 1000;

  const trust = { revokedSealKeys: new Set(Array.from({ length: 100 }, (_, i) => i.toString(16).padStart(16, '0'))), cancelledNius: new Set(Array.from({ length: 10_000 }, (_, i) => `00099-2026-${String(i).padStart(6, '0')}-00`)) };
  t = performance.now();
  let authentic = 0;
  for (let i = 0; i < opts.seals; i++) if (verifySeal(texts[i % texts.length], root.publicKey, trust).verdict === 'authentic') authentic++;
  const verifySeconds = (performance.now() - t) / 1000;

  console.log(`seal text:  ${lengths[0]}–${lengths.at(-1)} characters (median ${lengths[Math.floor(lengths.length / 2)]}), QR version ${versions.join(', ')} at level M`);
  console.log(`PDF + seal: ${int(opts.pdfs)} birth certificates in ${fixed(pdfSeconds, 2)} s: ${fixed(opts.pdfs / pdfSeconds, 1)} copies/s on one core, ${fixed(bytes / opts.pdfs / 1024, 1)} KiB each`);
  console.log(`seal only:  ${int(opts.seals)} in ${fixed(sealSeconds, 2)} s: ${int(opts.seals / sealSeconds)} seals/s`);
  console.log(`verify:     ${int(opts.seals)} in ${fixed(verifySeconds, 2)} s: ${int(opts.seals / verifySeconds)} verifications/s (${authentic} authentic; trust list of 100 keys, 10,000 NIUs)`);
  return authentic === opts.seals ? 0 : 1;
});
