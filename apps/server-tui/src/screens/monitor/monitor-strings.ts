import type { Label } from '@docstream/core';
import { translator } from '@docstream/console-kit';

/** Every string of the monitor screen, French first. */
export const MONITOR_STRINGS = {
  title: { fr: 'Moniteur des transmissions', en: 'Transmission monitor' },
  serviceRunning: { fr: 'Service : en marche depuis {since} · courtier {broker}{here}', en: 'Service: running since {since} · broker {broker}{here}' },
  serviceNone: { fr: 'Service : aucun en marche ({state}, dernier signe {at})', en: 'Service: none running ({state}, last heartbeat {at})' },
  serviceNever: { fr: 'Service : aucun n’a tourné sur cette base', en: 'Service: none has run on this database' },
  brokerUp: { fr: 'connecté', en: 'connected' },
  brokerDown: { fr: 'NON connecté', en: 'NOT connected' },
  hostedHere: { fr: ' · dans cette console', en: ' · in this console' },
  hostStarting: { fr: 'Service : démarrage dans cette console…', en: 'Service: starting in this console…' },
  hostStopping: { fr: 'Service : arrêt en cours (les conteneurs reçus sont finis d’abord)…', en: 'Service: stopping (containers received are finished first)…' },
  containers: { fr: 'Conteneurs', en: 'Containers' },
  documents: { fr: 'Documents ', en: 'Documents ' },
  perSecond: { fr: '{n}/s', en: '{n}/s' },
  window: { fr: 'Débit sur {minutes} min (une colonne = {seconds} s) · erreurs {errors} · reçu {bytesIn} · envoyé {bytesOut}', en: 'Rates over {minutes} min (one column = {seconds} s) · errors {errors} · in {bytesIn} · out {bytesOut}' },
  queues: {
    fr: 'Files : réponses {outbox} · avis {notices} · quarantaine {held} · conflits {conflicts} · service {queued}',
    en: 'Queues: answers {outbox} · notices {notices} · quarantine {held} · conflicts {conflicts} · service {queued}',
  },
  centres: { fr: 'Centres : {registered} inscrits · {active} connectés ({minutes} min) · {never} jamais vus · {suspended} suspendus', en: 'Centres: {registered} registered · {active} connected ({minutes} min) · {never} never seen · {suspended} suspended' },
  sortLine: { fr: 'Tri : {column} {arrow}{filter} · centres {from}–{to} sur {total}', en: 'Sort: {column} {arrow}{filter} · centres {from}–{to} of {total}' },
  filtered: { fr: ' · filtre « {text} »', en: ' · filter “{text}”' },
  prompt: { fr: 'Filtre (début du matricule ou partie du nom) : ', en: 'Filter (matricule prefix or part of the name): ' },
  noCentre: { fr: 'Aucun centre inscrit.', en: 'No centre registered.' },
  noMatch: { fr: 'Aucun centre ne correspond au filtre (Esc l’efface).', en: 'No centre matches the filter (Esc clears it).' },
  never: { fr: 'jamais', en: 'never' },
  lastRejection: { fr: 'Dernier refus {at} {matricule} : {reason}', en: 'Last refusal {at} {matricule}: {reason}' },
  noRejection: { fr: 'Aucun conteneur refusé récemment.', en: 'No container refused lately.' },
  panelRejections: { fr: 'Derniers refus ({n}) — du plus récent au plus ancien', en: 'Last refusals ({n}) — newest first' },
  panelServices: { fr: 'Services ({n}) — en marche, muets, puis arrêtés depuis moins d’un jour', en: 'Services ({n}) — running, silent, then stopped within a day' },
  serviceRow: { fr: '{state} · {host} pid {pid} · reçus {received} · acceptés {accepted} · refusés {rejected} · docs {documents}', en: '{state} · {host} pid {pid} · received {received} · accepted {accepted} · refused {rejected} · docs {documents}' },
  noService: { fr: 'Aucun service n’a tourné depuis un jour.', en: 'No service has run within a day.' },
  live: { fr: 'Actualisé chaque {every} s — lu à {at}', en: 'Refreshed every {every} s — read at {at}' },
  paused: { fr: 'Actualisation EN PAUSE (p pour reprendre) — lu à {at}', en: 'Refresh PAUSED (p to resume) — read at {at}' },
  reading: { fr: 'Lecture…', en: 'Reading…' },
  confirmStop: {
    fr: 'Arrêter le service de réception ? Les centres ne pourront plus transmettre jusqu’à la reprise. (o/n)',
    en: 'Stop the receiving service? Centres cannot transmit until it is resumed. (y/n)',
  },
} as const satisfies Record<string, Label>;

export type MonitorKey = keyof typeof MONITOR_STRINGS;

export const ms = translator(MONITOR_STRINGS);
