import type { Label } from '@docstream/core';
import { commonKeys as k, type Binding, type CommonAction } from '@docstream/console-kit';

/**
 * The keys of the live monitor. Only starting and stopping the service change anything
 * (`changes`: off in a read-only console); the core checks the operator's privilege too.
 */
export type MonitorScreenId = 'monitor';

export type MonitorAction = 'panel' | 'pause' | 'sortPrev' | 'sortNext' | 'invertSort' | 'serviceStart' | 'serviceStop';

/**
 * `monitorCentres`: the per-centre table is shown; `monitorLive` / `monitorPaused`: the
 * refresh; `serviceStartable` / `serviceResumable` / `serviceStoppable`: what this console
 * can do with the service it hosts (an operator, and no other process running one).
 */
export type MonitorCondition = 'monitorCentres' | 'monitorLive' | 'monitorPaused' | 'serviceStartable' | 'serviceResumable' | 'serviceStoppable';

type Row = Binding<MonitorScreenId, CommonAction | MonitorAction, MonitorCondition>;

const same = (text: string): Label => ({ fr: text, en: text });
const renamed = (rows: Row[]): Row[] => rows.map((r) => ({ ...r, id: `monitor${r.id[0]!.toUpperCase()}${r.id.slice(1)}` }));
const M: readonly MonitorScreenId[] = ['monitor'];

export const MONITOR_BINDINGS: readonly Row[] = [
  { ...k.move(M), id: 'monitorMove', when: 'monitorCentres' },
  { ...k.page(M), id: 'monitorPage', when: 'monitorCentres' },
  { ...k.open(M), id: 'monitorOpen', help: { fr: 'Ouvrir la fiche du centre choisi', en: 'Open the chosen centre’s record' }, when: 'monitorCentres' },
  {
    id: 'monitorSort',
    keys: [{ stroke: { input: '<' }, action: 'sortPrev' }, { stroke: { input: '>' }, action: 'sortNext' }],
    shown: same('<>'),
    label: { fr: 'tri', en: 'sort' },
    help: { fr: 'Trier les centres par la colonne précédente / suivante (vu le, reçus, erreurs, octets…)', en: 'Sort the centres by the previous / next column (last seen, received, errors, bytes…)' },
    screens: M, modes: ['normal'], when: 'monitorCentres',
  },
  {
    id: 'monitorInvert',
    keys: [{ stroke: { input: 'i' }, action: 'invertSort' }],
    shown: same('i'),
    label: { fr: 'inverser', en: 'reverse' },
    help: { fr: 'Inverser le sens du tri', en: 'Reverse the sort order' },
    screens: M, modes: ['normal'], when: 'monitorCentres',
  },
  {
    ...k.filter(M, { fr: 'Filtrer les centres : début du matricule ou partie du nom (sans souci des accents)', en: 'Filter the centres: matricule prefix or part of the name (accents aside)' }),
    id: 'monitorFilter',
  },
  ...renamed(k.filterLine(M)),
  {
    id: 'monitorPanel',
    keys: [{ stroke: { key: 'tab' }, action: 'panel' }, { stroke: { key: 'tab', shift: true }, action: 'panel' }],
    shown: same('Tab'),
    label: { fr: 'vue', en: 'view' },
    help: { fr: 'Passer d’une vue à l’autre : centres, derniers refus avec leur motif, services', en: 'Switch views: centres, last refusals with their reason, services' },
    screens: M, modes: ['normal'],
  },
  {
    id: 'monitorPause',
    keys: [{ stroke: { input: 'p' }, action: 'pause' }],
    shown: same('p'),
    label: { fr: 'pause', en: 'pause' },
    help: { fr: 'Figer l’affichage (les chiffres ne sont plus relus) ; p de nouveau pour reprendre', en: 'Freeze the screen (figures are no longer read); p again to resume' },
    screens: M, modes: ['normal'], when: 'monitorLive',
  },
  {
    id: 'monitorResume',
    keys: [{ stroke: { input: 'p' }, action: 'pause' }],
    shown: same('p'),
    label: { fr: 'reprendre', en: 'resume' },
    help: { fr: 'Reprendre l’actualisation', en: 'Resume the refresh' },
    screens: M, modes: ['normal'], when: 'monitorPaused',
  },
  { ...k.refresh(M), id: 'monitorRefresh' },
  {
    id: 'serviceStart',
    keys: [{ stroke: { input: 's' }, action: 'serviceStart' }],
    shown: same('s'),
    label: { fr: 'démarrer le service', en: 'start the service' },
    help: { fr: 'Démarrer le service de réception dans cette console (Opérateur ; aucun autre service en marche)', en: 'Start the receiving service in this console (Operator; no other service running)' },
    screens: M, modes: ['normal'], when: 'serviceStartable', changes: true,
  },
  {
    id: 'serviceResume',
    keys: [{ stroke: { input: 's' }, action: 'serviceStart' }],
    shown: same('s'),
    label: { fr: 'reprendre le service', en: 'resume the service' },
    help: { fr: 'Reprendre le service de réception arrêté', en: 'Resume the stopped receiving service' },
    screens: M, modes: ['normal'], when: 'serviceResumable', changes: true,
  },
  {
    id: 'serviceStop',
    keys: [{ stroke: { input: 's' }, action: 'serviceStop' }],
    shown: same('s'),
    label: { fr: 'arrêter le service', en: 'stop the service' },
    help: { fr: 'Arrêter le service que cette console héberge (après confirmation) ; les conteneurs reçus sont finis d’abord', en: 'Stop the service this console hosts (after confirmation); containers received are finished first' },
    screens: M, modes: ['normal'], when: 'serviceStoppable', changes: true,
  },
  ...renamed(k.confirm(M, { fr: 'arrêter', en: 'stop' })),
  { ...k.back(M, { fr: 'Revenir (si un filtre est posé : l’effacer d’abord)', en: 'Go back (with a filter set: clear it first)' }), id: 'monitorBack' },
];

export const MONITOR_SCREEN_NAMES: Record<MonitorScreenId, Label> = {
  monitor: { fr: 'Moniteur des transmissions', en: 'Transmission monitor' },
};
