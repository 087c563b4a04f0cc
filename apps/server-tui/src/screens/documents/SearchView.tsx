import { Box, Text } from 'ink';
import { CENTRAL_STATUS_LABELS, type CentralHit, type Lang } from '@docstream/core';
import { column, fit, TextField } from '@docstream/console-kit';
import { ScreenFrame } from '../../keys/kit.js';
import type { Condition } from '../../keys/bindings.js';
import { wrapMessage, windowStart } from './layout.js';
import { pageNumber } from './paged.js';
import { CRITERIA_FIELDS, FIELD_LABELS, hasCriteria, type Criteria, type KindEntry, type SearchState } from './search-reducer.js';
import { dt } from './strings.js';

const W = { niu: 20, kind: 12, centre: 6, event: 10, status: 11 };

function namesWidth(width: number): number {
  return Math.max(8, width - 1 - 2 - (W.niu + W.kind + W.centre + W.event + W.status + 5));
}

export function kindTitle(lang: Lang, kinds: readonly KindEntry[], id: string): string {
  return kinds.find((k) => k.id === id)?.title[lang] ?? id;
}

/** One result: NIU, kind, names, centre, event date, status in words. */
export function hitRow(lang: Lang, hit: CentralHit, kinds: readonly KindEntry[], width: number): string {
  return [
    column(hit.niu, W.niu),
    column(kindTitle(lang, kinds, hit.form_id), W.kind),
    column(hit.names_display || '—', namesWidth(width)),
    column(hit.matricule, W.centre),
    column(hit.event_date ?? '—', W.event),
    fit(CENTRAL_STATUS_LABELS[hit.status]?.[lang] ?? String(hit.status), W.status),
  ].join(' ');
}

export function headerRow(lang: Lang, width: number): string {
  return [
    column(dt(lang, 'colNiu'), W.niu),
    column(dt(lang, 'colKind'), W.kind),
    column(dt(lang, 'colNames'), namesWidth(width)),
    column(dt(lang, 'colCentre'), W.centre),
    column(dt(lang, 'colEvent'), W.event),
    dt(lang, 'colStatus'),
  ].join(' ');
}

/** "Criteria: name kone · centre 00042", in the form's words. */
export function criteriaSummary(lang: Lang, c: Criteria): string {
  if (!hasCriteria(c)) return dt(lang, 'noCriteria');
  const list = CRITERIA_FIELDS.filter((f) => c[f].trim() !== '').map((f) => `${dt(lang, FIELD_LABELS[f]).toLowerCase()} ${c[f].trim()}`);
  return dt(lang, 'criteriaLine', { list: list.join(' · ') });
}

export interface SearchViewProps {
  lang: Lang;
  width: number;
  state: SearchState;
  /** Lines for the results. */
  room: number;
  on: readonly Condition[];
}

export function SearchView({ lang, width, state, room, on }: SearchViewProps) {
  const { list, editing } = state;
  const msg = wrapMessage(lang, width, list.error, list.request ? dt(lang, 'loading') : null);
  const frame = { lang, screen: 'docSearch' as const, width, title: dt(lang, 'searchTitle'), error: msg.error, status: msg.status, on };
  if (editing) {
    const labelWidth = Math.max(...CRITERIA_FIELDS.map((f) => [...dt(lang, FIELD_LABELS[f])].length));
    return (
      <ScreenFrame {...frame} mode="typing">
        <Text>{dt(lang, 'criteriaTitle')}</Text>
        {CRITERIA_FIELDS.map((f, i) => (
          <TextField key={f} label={dt(lang, FIELD_LABELS[f])} value={editing.values[f]} focused={i === editing.focus} labelWidth={labelWidth} />
        ))}
        <Text wrap="truncate-end">{dt(lang, 'hintKinds', { kinds: state.kinds.map((k) => k.id).join(', ') || '—' })}</Text>
        <Text wrap="truncate-end">{dt(lang, 'hintDates')}</Text>
        <Text wrap="truncate-end">{dt(lang, 'hintStatus')}</Text>
      </ScreenFrame>
    );
  }
  const items = list.page?.items ?? [];
  // A long error takes lines from the results, never from the footer.
  const shown = Math.max(1, room - (msg.rows - 1));
  const start = windowStart(items.length, list.selected, shown);
  const pageText = list.page ? dt(lang, 'pageLine', { page: pageNumber(list) }) + (list.page.nextCursor !== undefined ? dt(lang, 'morePages') : list.cursors.length > 1 ? dt(lang, 'lastPage') : '') : '';
  return (
    <ScreenFrame {...frame} mode="normal">
      <Text wrap="truncate-end">{criteriaSummary(lang, list.params)}</Text>
      <Text bold wrap="truncate-end">{'  ' + headerRow(lang, width)}</Text>
      <Box flexDirection="column">
        {list.page && items.length === 0 ? <Text>{'  ' + dt(lang, hasCriteria(list.params) ? 'noMatch' : 'noDocuments')}</Text> : null}
        {items.slice(start, start + shown).map((hit, i) => {
          const selected = start + i === list.selected;
          return (
            <Text key={hit.numero} inverse={selected} wrap="truncate-end">
              {selected ? '> ' : '  '}
              {hitRow(lang, hit, state.kinds, width)}
            </Text>
          );
        })}
      </Box>
      {pageText ? <Text>{pageText}</Text> : <Box height={1} />}
    </ScreenFrame>
  );
}
