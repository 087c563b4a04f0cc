/** Text sized for fixed columns, counting characters (not UTF-16 units). */
export function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars.slice(0, width - 1).join('')}…`;
}

export function column(text: string, width: number): string {
  const f = fit(text, width);
  return f + ' '.repeat(Math.max(0, width - [...f].length));
}

export function columnRight(text: string, width: number): string {
  const f = fit(text, width);
  return ' '.repeat(Math.max(0, width - [...f].length)) + f;
}

/** Splits text into lines of at most `width` characters, at spaces where it can. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((x) => x !== '')) {
      let rest = word;
      while ([...rest].length > w) {
        if (line !== '') {
          out.push(line);
          line = '';
        }
        out.push([...rest].slice(0, w).join(''));
        rest = [...rest].slice(w).join('');
      }
      if (line === '') line = rest;
      else if ([...line].length + 1 + [...rest].length <= w) line += ` ${rest}`;
      else {
        out.push(line);
        line = rest;
      }
    }
    out.push(line);
  }
  return out;
}
