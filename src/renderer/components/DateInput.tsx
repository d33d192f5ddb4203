/**
 * A date field that takes a date the way people type it (`07/10/1982`, `7/10/82`, `1982-07-10`,
 * `07101982`) and, once the field is left, shows it the court's way (MM/DD/YYYY). The value going
 * in and out is ISO, which is what orders and searches hold.
 *
 * Text that is not a date is never thrown away: it stays in the box, and the field says so under
 * its label once it is left ("Date of birth: enter the date as MM/DD/YYYY.").
 */
import { TextInput } from '@mantine/core';
import { useState, type ReactNode, type Ref } from 'react';
import { localIsoDate } from '../../shared/util/dates';
import { formatCourtDate, parseTypedDate, TYPED_DATE_HINT } from '../../shared/util/typed-date';

export interface DateInputProps {
  readonly label: string;
  /** An ISO date, or '' for none. Text that is not a date (kept by a form) is shown as it is. */
  readonly value: string;
  /**
   * Called on every change with the ISO date, '' when the box is empty or does not hold a date,
   * and the text as typed (so a caller can tell "empty" from "not a date").
   */
  readonly onChange: (iso: string, text: string) => void;
  readonly onBlur?: () => void;
  /** The caller's message; when absent, the field's own "enter the date as …" once it is left. */
  readonly error?: ReactNode;
  readonly description?: ReactNode;
  /** How far ahead a two-digit year may land: 0 for a date of birth. Default 20. */
  readonly futureYears?: number;
  /** Today's ISO date, for two-digit years; the computer's date when absent. */
  readonly today?: string;
  readonly name?: string;
  readonly ref?: Ref<HTMLInputElement>;
}

/** The message for text that is not a date, naming the field. */
export function unreadableDateMessage(label: string): string {
  return `${label}: enter the date as ${TYPED_DATE_HINT}.`;
}

/** Whether `value` is what the caller holds for `text`: its ISO date, '' or the text itself. */
function holds(value: string, text: string, iso: string | null): boolean {
  return value === (iso ?? '') || value === text.trim();
}

export function DateInput({
  label,
  value,
  onChange,
  onBlur,
  error,
  description,
  futureYears = 20,
  today,
  name,
  ref,
}: DateInputProps) {
  const [text, setText] = useState(() => formatCourtDate(value));
  const [left, setLeft] = useState(false);
  const parse = (t: string) =>
    t.trim() === '' ? null : parseTypedDate(t, { today: today ?? localIsoDate(new Date()), futureYears });
  const iso = parse(text);

  // A value set from outside (a draft opened, a form reset) replaces the text; the echo of our own
  // change does not (it would turn "7/10/8" into "07/10/2008" while the clerk is still typing).
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (!holds(value, text, iso)) setText(formatCourtDate(value));
  }

  const unreadable = left && text.trim() !== '' && iso === null;
  return (
    <TextInput
      label={label}
      name={name}
      ref={ref}
      value={text}
      placeholder={TYPED_DATE_HINT}
      autoComplete="off"
      description={description}
      error={error ?? (unreadable ? unreadableDateMessage(label) : undefined)}
      onChange={(event) => {
        const typed = event.currentTarget.value;
        setText(typed);
        onChange(parse(typed) ?? '', typed);
      }}
      onBlur={() => {
        setLeft(true);
        if (iso !== null) setText(formatCourtDate(iso));
        onBlur?.();
      }}
    />
  );
}
