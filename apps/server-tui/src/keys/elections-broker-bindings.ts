import type { Label } from '@docstream/core';
import { commonKeys as k, type Binding, type CommonAction } from '@docstream/console-kit';

/**
 * The keys of the Elections screens (the list, the live results) and of the broker test.
 * Nothing here changes data: the results are read, the broker test only publishes on a
 * private test topic, so all of it works in a read-only console too.
 */
export type ElectionsBrokerScreenId = 'elections' | 'electionResults' | 'brokerTest';

export type ElectionsBrokerAction = 'panel' | 'levelPrev' | 'levelNext' | 'pause' | 'startTest' | 'cancelTest';

/** `resultsShown`: results are on screen (views and levels can change); `resultsLive` / `resultsPaused`: whether they refresh themselves. */
export type ElectionsBrokerCondition = 'resultsShown' | 'resultsLive' | 'resultsPaused';

type Row = Binding<ElectionsBrokerScreenId, CommonAction | ElectionsBrokerAction, ElectionsBrokerCondition>;

const same = (text: string): Label => ({ fr: text, en: text });

export const ELECTIONS_BROKER_BINDINGS: readonly Row[] = [
  {
    id: 'resultsScroll',
    keys: [
      { stroke: { key: 'upArrow' }, action: 'up' },
      { stroke: { key: 'downArrow' }, action: 'down' },
      { stroke: { key: 'pageUp' }, action: 'prevPage' },
      { stroke: { key: 'pageDown' }, action: 'nextPage' },
    ],
    shown: same('↑↓'),
    label: { fr: 'défiler', en: 'scroll' },
    help: { fr: 'Faire défiler la liste affichée (PgPréc / PgSuiv : une page)', en: 'Scroll the list shown (PgUp / PgDn: a page)' },
    screens: ['electionResults'],
    modes: ['normal'],
  },
  {
    id: 'resultsPanel',
    keys: [{ stroke: { key: 'tab' }, action: 'panel' }, { stroke: { key: 'tab', shift: true }, action: 'panel' }],
    shown: same('Tab'),
    label: { fr: 'vue', en: 'view' },
    help: { fr: 'Passer d’une vue à l’autre : candidats, zones, procès-verbaux à examiner', en: 'Switch views: candidates, areas, reports to examine' },
    screens: ['electionResults'],
    modes: ['normal'],
    when: 'resultsShown',
  },
  {
    id: 'resultsLevel',
    keys: [{ stroke: { key: 'leftArrow' }, action: 'levelPrev' }, { stroke: { key: 'rightArrow' }, action: 'levelNext' }],
    shown: same('←→'),
    label: { fr: 'niveau', en: 'level' },
    help: { fr: 'Détail par région, département ou commune (vue des zones)', en: 'Breakdown by region, department or commune (areas view)' },
    screens: ['electionResults'],
    modes: ['normal'],
    when: 'resultsShown',
  },
  {
    ...k.filter(['electionResults'], {
      fr: 'Restreindre les résultats à une région (début du nom suffit ; vide : tout le pays)',
      en: 'Restrict the results to one region (the start of its name will do; empty: the whole country)',
    }),
    id: 'resultsFilter',
  },
  ...k.filterLine(['electionResults']).map((b) => ({ ...b, id: `results${b.id[0]!.toUpperCase()}${b.id.slice(1)}` })),
  {
    id: 'resultsPause',
    keys: [{ stroke: { input: 'p' }, action: 'pause' }],
    shown: same('p'),
    label: { fr: 'pause', en: 'pause' },
    help: { fr: 'Suspendre / reprendre l’actualisation automatique (toutes les 2 s)', en: 'Pause / resume the automatic refresh (every 2 s)' },
    screens: ['electionResults'],
    modes: ['normal'],
    when: 'resultsLive',
  },
  {
    id: 'resultsResume',
    keys: [{ stroke: { input: 'p' }, action: 'pause' }],
    shown: same('p'),
    label: { fr: 'reprendre', en: 'resume' },
    help: { fr: 'Reprendre l’actualisation automatique', en: 'Resume the automatic refresh' },
    screens: ['electionResults'],
    modes: ['normal'],
    when: 'resultsPaused',
  },
  k.back(['elections', 'electionResults']),
  // The broker test: a form (typing), then a run that only Esc interrupts.
  { ...k.formFields(['brokerTest'])[0]!, id: 'brokerFields' },
  {
    id: 'brokerStart',
    keys: [{ stroke: { key: 'return' }, action: 'startTest' }],
    shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'lancer', en: 'start' },
    help: { fr: 'Lancer le test avec ces valeurs', en: 'Start the test with these values' },
    screens: ['brokerTest'],
    modes: ['typing'],
  },
  { ...k.back(['brokerTest']), id: 'brokerBack', modes: ['typing'] },
  {
    id: 'brokerCancel',
    keys: [{ stroke: { key: 'escape' }, action: 'cancelTest' }],
    shown: same('Esc'),
    label: { fr: 'annuler le test', en: 'cancel the test' },
    help: { fr: 'Arrêter le test en cours (la connexion de test est coupée ; aucun chiffre retenu)', en: 'Stop the running test (the test connection is cut; no figures kept)' },
    screens: ['brokerTest'],
    modes: ['normal'],
  },
];

/** Screen names, for the help title. */
export const ELECTIONS_BROKER_SCREEN_NAMES: Record<ElectionsBrokerScreenId, Label> = {
  elections: { fr: 'Élections', en: 'Elections' },
  electionResults: { fr: 'Résultats d’une élection', en: 'Election results' },
  brokerTest: { fr: 'Test du courtier MQTT', en: 'MQTT broker test' },
};
