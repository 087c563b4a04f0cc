import { Text } from 'ink';
import { column } from '../text/fit.js';

export interface TextFieldProps {
  label: string;
  value: string;
  focused: boolean;
  masked?: boolean;
  labelWidth: number;
}

/** A one-line field: '>' marks the focus (no colour needed), '*' hides a password. */
export function TextField({ label, value, focused, masked = false, labelWidth }: TextFieldProps) {
  const shown = masked ? '*'.repeat([...value].length) : value;
  return (
    <Text>
      {focused ? '> ' : '  '}
      {column(label, labelWidth)}
      {' : '}
      {shown}
      {focused ? <Text inverse> </Text> : null}
    </Text>
  );
}
