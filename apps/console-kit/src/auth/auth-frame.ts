import type { ReactElement, ReactNode } from 'react';
import type { Label, Lang } from '@docstream/core';

/** The app's screen frame, bound to its login or password screen (its footer comes from the app's key table). */
export type AuthFrame = (props: { lang: Lang; width: number; title: string; error?: Label | null; status?: string | null; children?: ReactNode }) => ReactElement;
