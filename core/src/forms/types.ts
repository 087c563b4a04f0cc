export interface Label {
  fr: string;
  en: string;
}

export type FieldType = 'text' | 'date' | 'integer' | 'enum' | 'person_name' | 'tally';

export interface FieldDef {
  name: string;
  label: Label;
  type: FieldType;
  required?: boolean;
  /** text */
  maxLength?: number;
  pattern?: string;
  patternHint?: Label;
  /** integer */
  min?: number;
  max?: number;
  /** date: refuse dates after today */
  notFuture?: boolean;
  /** enum */
  options?: { value: string; label: Label }[];
  help?: Label;
}

export type Rule = (
  | { type: 'sum_equals'; terms: string[]; equals: string; message: Label }
  | { type: 'lte'; left: string; right: string; message: Label }
  | { type: 'date_order'; first: string; second: string; message: Label }
  | { type: 'min_age'; birth: string; at: string; years: number; message: Label }
) & {
  /**
   * A field that, when filled, lifts the rule: a known anomaly recorded with a remark
   * (e.g. an election report whose figures do not add up, confirmed by the Officer who
   * validates it).
   */
  unless?: string;
};

export interface FormDef {
  id: string;
  version: number;
  title: Label;
  category: 'civil' | 'diploma' | 'election' | 'other';
  /** The date field that dates the event (birth, marriage…), indexed for search. */
  eventDate?: string;
  fields: FieldDef[];
  rules: Rule[];
  /** Print template; its shape belongs to the printing module. */
  print?: unknown;
  /** Fields carried in a certified copy's QR seal (a default is chosen when absent). */
  seal?: string[];
}

export interface PersonName {
  nom: string;
  prenoms: string;
}

export interface TallyLine {
  candidat: string;
  voix: number;
}

export type FieldValue = string | number | PersonName | TallyLine[];
export type DocumentData = Record<string, FieldValue>;
