import { createPalette } from '@docstream/console-kit';
import { DESTINATIONS } from '../navigation.js';

/** The `:` palette over the centre's destinations. */
export const palette = createPalette(() => DESTINATIONS);
export const { paletteMatches, paletteReducer, paletteChoice, initialPalette } = palette;
