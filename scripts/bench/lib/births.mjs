// Realistic birth certificates for the transmission benchmarks: West-African names (the
// lists in lib/names.mjs, shared with search.mjs), family names in capitals as civil registers write
// them ("KONÉ Aminata"), parents, occupations, time of birth, declarant, late
// registrations. Deterministic for a seed. Every document passes the acte_naissance form.

import { displayNames, eventDateOf, formatNiu, searchableNames } from '@docstream/core';
import { FAMILY, FEMALE, JOBS_F, JOBS_M, MALE, PLACES, rng, weighted, words } from './names.mjs';

const DAY = 86_400_000;
const isoDate = (t) => new Date(t).toISOString().slice(0, 10);
const FAMILY_NAMES = words(FAMILY).map((n) => n.toLocaleUpperCase('fr'));
const MALE_NAMES = words(MALE);
const FEMALE_NAMES = words(FEMALE);
const PLACE_NAMES = words(PLACES, /\|/);

/**
 * Birth certificates of centre `matricule`, NIU sequence numbers `start`… of 2026,
 * validated between 2026-01-05 and `until` (declared before, born before that).
 * `make(i)` returns the document data with its NIU and validation time.
 */
export function birthGenerator({ matricule, seed = 42, until = Date.UTC(2026, 10, 20, 17, 0, 0) }) {
  const r = rng(seed);
  const pickFamily = weighted(FAMILY_NAMES);
  const pickMale = weighted(MALE_NAMES);
  const pickFemale = weighted(FEMALE_NAMES);
  const pickPlace = weighted(PLACE_NAMES, 5);
  const from = Date.UTC(2026, 0, 5, 8, 0, 0);

  const givenNames = (pick) => {
    const first = pick(r);
    if (!r.chance(0.35)) return first;
    let second = pick(r);
    while (second === first) second = pick(r);
    return `${first} ${second}`;
  };
  const person = (nom, sex) => ({ nom, prenoms: givenNames(sex === 'M' ? pickMale : pickFemale) });

  return function make(seq) {
    const validatedAt = new Date(from + Math.floor(r.next() * (until - from)));
    const declaration = isoDate(validatedAt.getTime() - r.int(0, 5) * DAY);
    const birthT = r.chance(0.85) ? Date.parse(declaration) - r.int(0, 60) * DAY : Date.parse(declaration) - r.int(60, 40 * 365) * DAY;
    const sexe = r.chance(0.5) ? 'M' : 'F';
    const hasFather = r.chance(0.9);
    const mere = person(pickFamily(r), 'F');
    const pere = hasFather ? person(pickFamily(r), 'M') : undefined;
    const enfant = person(pere ? pere.nom : mere.nom, sexe);
    const data = { enfant, sexe, date_naissance: isoDate(birthT) };
    if (r.chance(0.7)) data.heure_naissance = `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;
    data.lieu_naissance = pickPlace(r);
    if (pere) {
      data.pere = pere;
      if (r.chance(0.8)) data.pere_profession = r.pick(JOBS_M);
    }
    data.mere = mere;
    if (r.chance(0.8)) data.mere_profession = r.pick(JOBS_F);
    const d = r.next();
    if (pere && d < 0.6) data.declarant = { ...pere };
    else if (d < 0.8) data.declarant = { ...mere };
    else if (d < 0.95) data.declarant = person(pickFamily(r), r.chance(0.6) ? 'M' : 'F');
    data.date_declaration = declaration;
    return { niu: formatNiu(matricule, 2026, seq), data, validatedAt };
  };
}

/** The same documents as `insertValidatedDocuments` takes them: Status 3, queued for the server. */
export function queuedBirths({ form, matricule, userId, count, start = 1, seed = 42 }) {
  const make = birthGenerator({ matricule, seed });
  const out = [];
  for (let i = 0; i < count; i++) {
    const { niu, data, validatedAt } = make(start + i);
    const at = new Date(validatedAt.getTime() - 3_600_000);
    out.push({
      formId: form.id, formVersion: form.version, status: 3, niu, data,
      namesNorm: searchableNames(form, data), namesDisplay: displayNames(form, data), eventDate: eventDateOf(form, data),
      createdBy: userId, createdAt: at, verifiedBy: userId, verifiedAt: at, validatedBy: userId, validatedAt,
    });
  }
  return out;
}
