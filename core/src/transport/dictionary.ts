/**
 * Preset deflate dictionary of protocol version 1. Both ends must hold the very same
 * bytes, so this text is frozen: a change means a new protocol version (a new entry in
 * DICTIONARIES), never an edit. Deflate finds strings nearer the end more cheaply, so
 * the most frequent fragments come last.
 */
const V1 = [
  'acte_deces defunt date_deces lieu_deces acte_mariage epoux epoux_date_naissance epoux_lieu_naissance',
  'epouse epouse_date_naissance epouse_lieu_naissance date_mariage lieu_mariage regime temoin1 temoin2',
  'diplome titulaire niveau intitule specialite mention etablissement date_obtention',
  'pv_election election bureau date_scrutin inscrits votants bulletins_nuls suffrages_exprimes resultats president_bureau candidat voix',
  'communaute separation biens polygamie monogamie Passable Assez bien Tres bien Baccalaureat Licence Master',
  'Cultivateur Cultivatrice Commercant Commercante Menagere Enseignant Eleveur Ouvrier Chauffeur Infirmiere Etudiant Sans profession',
  'Bamako Kati Koulikoro Sikasso Segou Mopti Kayes Tombouctou Gao Kidal Dakar Abidjan Ouagadougou Niamey Conakry',
  'COULIBALY DIARRA SANGARE KEITA CISSE SIDIBE MAIGA TOURE DEMBELE DIAKITE SISSOKO BAGAYOKO SAMAKE CAMARA BALLO',
  'Fatoumata Mariam Aminata Kadiatou Awa Oumou Hawa Aissata Moussa Mamadou Ibrahim Seydou Oumar Boubacar Abdoulaye Adama',
  '"ack":[{"seq":"items":[{"r":"accepted"},{"r":"duplicate"},{"r":"conflict"},{"r":"rejected","reason":"',
  '"cancels":[{"n":"reason":"at":"',
  '{"v":1,"typ":"docs","src":"","dst":"server","seq":,"ts":"2026-',
  '"heure_naissance":"pere_profession":"mere_profession":"declarant":{"nom":"',
  '"sexe":"M","sexe":"F","date_naissance":"20","lieu_naissance":"date_declaration":"20',
  '"DIALLO","TRAORE","KONE","COULIBALY","TRAORÉ","KONÉ"',
  '},"pere":{"nom":"","mere":{"nom":"","enfant":{"nom":"","prenoms":"',
  '"body":{"docs":[{"n":"-2026-0000","f":"acte_naissance","fv":1,"va":"2026-T00:00:00.000Z","d":{"enfant":{"nom":"',
].join('\n');

export const DICTIONARIES: Readonly<Record<number, Buffer>> = { 1: Buffer.from(V1, 'utf8') };
export const CURRENT_DICTIONARY = 1;
