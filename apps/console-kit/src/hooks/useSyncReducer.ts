import { useCallback, useReducer, useRef } from 'react';

/**
 * useReducer whose latest state is also readable at once (`current()`): keys that arrive in
 * one chunk (a paste, tmux, a fast typist over SSH) run their handlers before React renders
 * again, so a handler for Enter must see the text or the selection the keys before it made.
 */
export function useSyncReducer<S, A>(reducer: (s: S, a: A) => S, initial: S): [S, (a: A) => void, () => S] {
  const [state, dispatch] = useReducer(reducer, initial);
  const latest = useRef(state);
  const send = useCallback(
    (a: A) => {
      latest.current = reducer(latest.current, a);
      dispatch(a);
    },
    [reducer],
  );
  const current = useCallback(() => latest.current, []);
  return [state, send, current];
}
