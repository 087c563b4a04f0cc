import { useEffect, useRef } from 'react';

/**
 * Calls `reload` each time the screen comes back on top (screens below stay mounted, so a
 * list left for a detail would otherwise show what was decided there as still to do).
 */
export function useReloadWhenShown(active: boolean, reload: () => void): void {
  const was = useRef(active);
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    if (active && !was.current) latest.current();
    was.current = active;
  }, [active]);
}
