import { useCallback, useEffect, useRef } from 'react';

/**
 * Runs core calls from a container: the outcome is delivered only while the screen is
 * mounted, so a slow query finishing after Esc never touches a dead screen.
 */
export function useAsyncRunner() {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return useCallback(<T,>(call: () => Promise<T>, onDone: (value: T) => void, onError: (error: unknown) => void) => {
    call().then(
      (v) => {
        if (mounted.current) onDone(v);
      },
      (e: unknown) => {
        if (mounted.current) onError(e);
      },
    );
  }, []);
}
