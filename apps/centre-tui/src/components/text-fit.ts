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
