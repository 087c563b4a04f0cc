import type { Label } from '@docstream/core';

export interface StatusState {
  documents: number | null;
  updatedAt: Date | null;
  error: Label | null;
  /** Id of the read to run; its answer carries it back. */
  request: number;
  loading: boolean;
  showHelp: boolean;
}

export type StatusAction =
  | { type: 'refresh' }
  | { type: 'loaded'; request: number; documents: number; at: Date }
  | { type: 'failed'; request: number; error: Label }
  | { type: 'help'; show: boolean };

export const initialStatus: StatusState = { documents: null, updatedAt: null, error: null, request: 1, loading: true, showHelp: false };

export function statusReducer(s: StatusState, a: StatusAction): StatusState {
  switch (a.type) {
    case 'refresh':
      // A read still running is enough: no pile-up on a slow database.
      return s.loading ? s : { ...s, request: s.request + 1, loading: true };
    case 'loaded':
      return a.request === s.request ? { ...s, documents: a.documents, updatedAt: a.at, error: null, loading: false } : s;
    case 'failed':
      return a.request === s.request ? { ...s, error: a.error, loading: false } : s;
    case 'help':
      return { ...s, showHelp: a.show };
  }
}
