import { Box, Text } from 'ink';
import { STAGE_LABELS, type Lang, type SearchHit } from '@docstream/core';
import { t } from '../i18n.js';
import { ScreenFrame } from '../keys/kit.js';
import type { Condition } from '../keys/bindings.js';
import { footerRows } from '../keys/kit.js';
import { column, columnRight, fit } from '@docstream/console-kit';
import { looksLikeNiu, type DocumentsState } from './documents-reducer.js';

export interface DocumentsViewProps {
  lang: Lang;
  width: number;
  state: DocumentsState;
  /** The conditions that hold (the footer shows `e` only on a draft the user may edit). */
  on?: readonly Condition[];
}

const W = { marker: 2, numero: 6, kind: 16, stage: 10, niu: 20 };

/** Column widths at this terminal width; the names take what is left. */
function namesWidth(width: number): number {
  return Math.max(8, width - 1 - (W.marker + W.numero + 1 + W.kind + 1 + W.stage + 1 + W.niu + 1));
}

export function hitRow(lang: Lang, hit: SearchHit, kinds: DocumentsState['kinds'], width: number): string {
  const kind = kinds[hit.form_id]?.[lang] ?? hit.form_id;
  const stage = hit.status === 0 ? t(lang, 'cancelledMark') : STAGE_LABELS[hit.stage][lang];
  return [
    columnRight(String(hit.numero), W.numero),
    column(kind, W.kind),
    column(stage, W.stage),
    column(hit.niu ?? '—', W.niu),
    fit(hit.names_display, namesWidth(width)),
  ].join(' ');
}

function filterLine(lang: Lang, s: DocumentsState): string {
  const queue = s.criteria?.label ? `${s.criteria.label[lang]} · ` : '';
  if (s.filter === '') return s.criteria?.label ? s.criteria.label[lang] : t(lang, 'noFilter');
  return queue + (looksLikeNiu(s.filter) ? t(lang, 'filterActiveNiu', { text: s.filter }) : t(lang, 'filterActiveName', { text: s.filter }));
}

export function DocumentsView({ lang, width, state, on = [] }: DocumentsViewProps) {
  const mode = state.editing === null ? 'normal' : 'typing';
  const items = state.page?.items ?? [];
  const header = [
    columnRight(t(lang, 'colNumero'), W.numero),
    column(t(lang, 'colKind'), W.kind),
    column(t(lang, 'colStage'), W.stage),
    column(t(lang, 'colNiu'), W.niu),
    t(lang, 'colNames'),
  ].join(' ');
  const pageText = state.page
    ? t(lang, 'pageLine', { page: state.cursors.length }) + (state.page.nextCursor !== undefined ? t(lang, 'morePages') : '')
    : '';
  // A footer on two lines (`e` did not fit beside the usual keys) takes the page line: the page goes beside the filter.
  const pageBeside = footerRows(lang, 'documents', mode, width, on).length > 1;
  return (
    <ScreenFrame
      lang={lang}
      screen="documents"
      mode={mode}
      on={on}
      width={width}
      title={t(lang, 'documentsTitle')}
      error={state.error}
      status={state.request ? t(lang, 'loading') : null}
    >
      {state.editing === null ? (
        <Text wrap="truncate-end">{filterLine(lang, state) + (pageBeside && pageText ? ` · ${pageText}` : '')}</Text>
      ) : (
        <Text wrap="truncate-end">
          {t(lang, 'filterPrompt')}
          {state.editing}
          <Text inverse> </Text>
        </Text>
      )}
      <Text bold>{'  ' + header}</Text>
      <Box flexDirection="column">
        {state.page && items.length === 0 ? <Text>{'  ' + t(lang, state.filter === '' ? 'noDocuments' : 'noMatch')}</Text> : null}
        {items.map((hit, i) => {
          const selected = i === state.selected && state.editing === null;
          return (
            <Text key={hit.numero} inverse={selected} wrap="truncate-end">
              {selected ? '> ' : '  '}
              {hitRow(lang, hit, state.kinds, width)}
            </Text>
          );
        })}
      </Box>
      {pageBeside ? null : pageText ? <Text>{pageText}</Text> : <Box height={1} />}
    </ScreenFrame>
  );
}
