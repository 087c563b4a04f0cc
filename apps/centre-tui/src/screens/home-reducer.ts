import { Privilege, type Label, type Lang, type SearchPage, type Stage } from '@docstream/core';
import { DESTINATIONS, type Destination, type DocumentsCriteria } from '../navigation.js';
import { linkView, type LinkView, type TxCounts } from './transmission-reducer.js';
import { formatAmount } from './account-reducer.js';

export interface StageCounts {
  /** Drafts, waiting for a Secretary's check. */
  drafts: number;
  /** Checked, waiting for the Officer's validation. */
  verified: number;
  validated: number;
  cancelled: number;
  total: number;
}

/** Folds `centre.documents.counts` rows: a cancelled document (Status 0) counts only as cancelled. */
export function summariseCounts(rows: readonly { stage: Stage; status: number; n: number }[]): StageCounts {
  const c: StageCounts = { drafts: 0, verified: 0, validated: 0, cancelled: 0, total: 0 };
  for (const r of rows) {
    c.total += r.n;
    if (r.status === 0) c.cancelled += r.n;
    else if (r.stage === 'draft') c.drafts += r.n;
    else if (r.stage === 'verified') c.verified += r.n;
    else c.validated += r.n;
  }
  return c;
}

/** The Home menu: every destination but Home itself and Settings (rarely needed, through `:`; the menu fills 24 lines). */
export const HOME_MENU: readonly { id: Destination; label: Label }[] = DESTINATIONS.filter((d) => d.id !== 'home' && d.id !== 'settings');

// ---------------------------------------------------------------- work queues

export type QueueId = 'mine' | 'toCheck' | 'toValidate';

/** One "À faire" line: what it counts and the Documents list it opens. */
export interface Queue {
  id: QueueId;
  label: Label;
  criteria: DocumentsCriteria;
}

/** How many drafts of the Agent's own a search page holds, and how many came back with a remark. */
export interface MineCount {
  n: number;
  /** The page was full: there are more. */
  more: boolean;
  sentBack: number;
}

/** Size of the one search page that counts an Agent's drafts. */
export const MINE_LIMIT = 100;

export const QUEUES: Record<QueueId, Queue> = {
  mine: {
    id: 'mine',
    label: { fr: 'mes brouillons', en: 'my drafts' },
    criteria: { stage: 'draft', status: 1, mine: true, label: { fr: 'File : mes brouillons', en: 'Queue: my drafts' } },
  },
  toCheck: {
    id: 'toCheck',
    label: { fr: 'à vérifier', en: 'to check' },
    criteria: { stage: 'draft', status: 1, label: { fr: 'File : à vérifier', en: 'Queue: to check' } },
  },
  toValidate: {
    id: 'toValidate',
    label: { fr: 'à valider', en: 'to validate' },
    criteria: { stage: 'verified', status: 1, label: { fr: 'File : à valider', en: 'Queue: to validate' } },
  },
};

/** The work queues of a role: Agent its drafts, Secretary the drafts to check, Officer the checked ones to validate. */
export function queuesFor(privilege: number): Queue[] {
  if (privilege === Privilege.Officer) return [QUEUES.toValidate];
  if (privilege === Privilege.Secretary) return [QUEUES.toCheck];
  if (privilege === Privilege.Agent) return [QUEUES.mine];
  return [];
}

export function mineCount(page: SearchPage): MineCount {
  return { n: page.items.length, more: page.nextCursor !== undefined, sentBack: page.items.filter((h) => h.remark !== null && h.remark.trim() !== '').length };
}

// ---------------------------------------------------------------- status block

/** The account mirror as the core returns it (only what Home shows). */
export interface AccountBrief {
  balance: number;
  as_of: Date;
}

/** What Home shows beside the counts; each part is null when it could not be read. */
export interface HomeStatus {
  link: LinkView | null;
  tx: TxCounts | null;
  unread: number | null;
  account: AccountBrief | null;
  mine: MineCount | null;
}

export const EMPTY_STATUS: HomeStatus = { link: null, tx: null, unread: null, account: null, mine: null };

export function homeStatus(parts: { link?: Record<string, unknown> | null; tx?: TxCounts | null; unread?: readonly unknown[] | null; account?: AccountBrief | null; mine?: SearchPage | null }): HomeStatus {
  return {
    link: parts.link ? linkView(parts.link) : null,
    tx: parts.tx ?? null,
    unread: parts.unread ? parts.unread.length : null,
    account: parts.account ? { balance: parts.account.balance, as_of: parts.account.as_of } : null,
    mine: parts.mine ? mineCount(parts.mine) : null,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 24/11 14:02 (fr), 11-24 14:02 (en): short enough for half a line. */
export function shortDateTime(lang: Lang, d: Date): string {
  const day = lang === 'fr' ? `${pad(d.getDate())}/${pad(d.getMonth() + 1)}` : `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function shortDate(lang: Lang, d: Date): string {
  return lang === 'fr' ? `${pad(d.getDate())}/${pad(d.getMonth() + 1)}` : `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const S = {
  connected: { fr: 'Transmission : connecté', en: 'Transmission: connected' },
  disconnected: { fr: 'Transmission : déconnecté', en: 'Transmission: disconnected' },
  txUnknown: { fr: 'Transmission : …', en: 'Transmission: …' },
  lastExchange: { fr: '  dernier échange : {at}', en: '  last exchange: {at}' },
  never: { fr: 'jamais', en: 'never' },
  queued: { fr: '  en attente : {n} · acquittés : {acked}', en: '  queued: {n} · acknowledged: {acked}' },
  lastReceived: { fr: '  dernière réception : {at}', en: '  last received: {at}' },
  unread: { fr: 'Messages non lus : {n}', en: 'Unread messages: {n}' },
  balance: { fr: 'Solde : {amount} (au {date})', en: 'Balance: {amount} (as of {date})' },
  noBalance: { fr: 'Solde : non communiqué', en: 'Balance: not received yet' },
  queueLine: { fr: '{label} : {n}', en: '{label}: {n}' },
  sentBack: { fr: ' ({n} renvoyé(s))', en: ' ({n} sent back)' },
  nothing: { fr: 'rien pour votre rôle', en: 'nothing for your role' },
} as const satisfies Record<string, Label>;

const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
const say = (lang: Lang, key: keyof typeof S, vars: Record<string, string | number> = {}) => fill(S[key][lang], vars);

/** The lines of the status block (right of the counts): link, queue, messages, balance. */
export function statusLines(lang: Lang, st: HomeStatus): string[] {
  const out: string[] = [];
  const link = st.link;
  out.push(say(lang, link === null ? 'txUnknown' : link.connected ? 'connected' : 'disconnected'));
  const last = link ? [link.lastSendAt, link.lastReceiveAt, link.lastConnectAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] : undefined;
  out.push(say(lang, 'lastExchange', { at: last ? shortDateTime(lang, last) : say(lang, 'never') }));
  out.push(say(lang, 'queued', { n: st.tx ? st.tx.waiting + st.tx.in_flight : '…', acked: st.tx ? st.tx.acknowledged : '…' }));
  out.push(say(lang, 'lastReceived', { at: link?.lastReceiveAt ? shortDateTime(lang, link.lastReceiveAt) : say(lang, 'never') }));
  out.push(say(lang, 'unread', { n: st.unread ?? '…' }));
  out.push(st.account ? say(lang, 'balance', { amount: formatAmount(lang, st.account.balance), date: shortDate(lang, st.account.as_of) }) : say(lang, 'noBalance'));
  return out;
}

/** One "À faire" line: "à vérifier : 2", "mes brouillons : 3 (1 renvoyé(s))". */
export function queueLine(lang: Lang, q: Queue, counts: StageCounts | null, mine: MineCount | null): string {
  let n: string;
  let extra = '';
  if (q.id === 'mine') {
    n = mine ? `${mine.n}${mine.more ? '+' : ''}` : '…';
    if (mine && mine.sentBack > 0) extra = say(lang, 'sentBack', { n: mine.sentBack });
  } else {
    n = counts ? String(q.id === 'toCheck' ? counts.drafts : counts.verified) : '…';
  }
  return say(lang, 'queueLine', { label: q.label[lang], n }) + extra;
}

export function nothingToDo(lang: Lang): string {
  return say(lang, 'nothing');
}

// ---------------------------------------------------------------- state

export interface HomeState {
  counts: StageCounts | null;
  status: HomeStatus;
  error: Label | null;
  /** One cursor over the work queues (first `queueCount` rows), then the menu. */
  selected: number;
  queueCount: number;
  /** Id of the query to run; `loaded` answers with the same id. */
  request: number;
  /** Shown as "Chargement…" (not for the quiet periodic refresh). */
  loading: boolean;
  /** A request is outstanding. */
  busy: boolean;
}

export type HomeAction =
  | { type: 'refresh' }
  /** The periodic refresh: skipped while a request is outstanding, and silent. */
  | { type: 'tick' }
  | { type: 'loaded'; request: number; counts: StageCounts; status?: HomeStatus }
  | { type: 'failed'; request: number; error: Label }
  | { type: 'up' }
  | { type: 'down' };

export const initialHome: HomeState = { counts: null, status: EMPTY_STATUS, error: null, selected: 0, queueCount: 0, request: 1, loading: true, busy: true };

/** Home for a role with `queueCount` work queues: the cursor starts on the menu's first entry (Documents). */
export function initHome(queueCount: number): HomeState {
  return { ...initialHome, queueCount, selected: queueCount };
}

/** What the cursor is on. */
export function homeSelection(s: HomeState, queues: readonly Queue[]): { queue: Queue } | { destination: Destination } | null {
  if (s.selected < s.queueCount) {
    const q = queues[s.selected];
    return q ? { queue: q } : null;
  }
  const d = HOME_MENU[s.selected - s.queueCount];
  return d ? { destination: d.id } : null;
}

export function homeReducer(s: HomeState, a: HomeAction): HomeState {
  switch (a.type) {
    case 'refresh':
      return { ...s, request: s.request + 1, loading: true, busy: true };
    case 'tick':
      return s.busy ? s : { ...s, request: s.request + 1, busy: true };
    case 'loaded':
      return a.request === s.request ? { ...s, counts: a.counts, status: a.status ?? s.status, error: null, loading: false, busy: false } : s;
    case 'failed':
      return a.request === s.request ? { ...s, error: a.error, loading: false, busy: false } : s;
    case 'up':
      return { ...s, selected: Math.max(0, s.selected - 1) };
    case 'down':
      return { ...s, selected: Math.min(s.queueCount + HOME_MENU.length - 1, s.selected + 1) };
  }
}
