import { HelpView } from '../components/HelpView.js';
import { useConsole } from '../hooks/console-context.js';
import { useKeys } from '../hooks/key-dispatch.js';
import type { ScreenId } from '../keys/bindings.js';

/** Container of the help overlay: its keys (close, quit) are the console's own. */
export function HelpScreen({ width, about }: { width: number; about: ScreenId }) {
  const { lang } = useConsole();
  useKeys('help', 'normal', {});
  return <HelpView lang={lang} width={width} screen={about} />;
}
