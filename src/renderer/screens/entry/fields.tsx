/**
 * Form fields of order entry, each labelled as `shared/order/field-labels.ts` says, each showing
 * its own problem: text the order cannot hold (with the field's name), else the CARPOS rule for it.
 *
 * When a problem shows: once the clerk has changed the field and left it, or asked to save (for
 * what cannot be saved, and for fields they changed), or asked to see everything. A mere Tab past
 * an untouched field shows nothing.
 */
import { Checkbox, Select, Switch, TextInput, Textarea } from '@mantine/core';
import { createContext, useContext } from 'react';
import { Controller, get, useFormContext, type FieldPath } from 'react-hook-form';
import type { CodeTable } from '../../../shared/codes';
import { formLabelOf } from '../../../shared/order/field-labels';
import type { ValidationIssue } from '../../../shared/validation';
import { DateInput } from '../../components/DateInput';
import type { OrderFormValues } from './form-model';

export type FieldName = FieldPath<OrderFormValues>;

export interface FieldChecks {
  /** Fields whose text the order cannot hold, each with its message (see `form-check.ts`). */
  readonly unreadable: ReadonlyMap<string, string>;
  readonly issues: ReadonlyMap<string, readonly ValidationIssue[]>;
  /** The clerk asked to save: unreadable fields show, and the rules on fields they changed. */
  readonly saveAttempted: boolean;
  /** Show every CARPOS error, changed or not (after "Show every missing field" or a refused step). */
  readonly showAll: boolean;
  /** Today's ISO date, for two-digit years in date fields. */
  readonly today: string;
}

export const FieldChecksContext = createContext<FieldChecks>({
  unreadable: new Map(),
  issues: new Map(),
  saveAttempted: false,
  showAll: false,
  today: '',
});

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

/** A field's label as the form shows it, for the fields that do not pass their own. */
function labelOf(name: FieldName, label: string | undefined): string {
  return label ?? formLabelOf(name) ?? '';
}

export function useFieldMessages(name: FieldName): { error: string | undefined; note: string | undefined } {
  const { formState, getFieldState, getValues } = useFormContext<OrderFormValues>();
  const { unreadable, issues, saveAttempted, showAll } = useContext(FieldChecksContext);
  // Changed: differs from what the draft held when it was opened (a new protected person's empty
  // fields have not been changed, whatever react-hook-form's dirty flags say about a new row).
  const changed = !same(getValues(name), get(formState.defaultValues, name));
  const left = changed && getFieldState(name, formState).isTouched;
  const problem = unreadable.get(name);
  if (problem !== undefined)
    return { error: left || saveAttempted || showAll ? problem : undefined, note: undefined };
  const found = issues.get(name) ?? [];
  const error = found.find((i) => i.severity === 'error');
  const warning = found.find((i) => i.severity === 'warning');
  return {
    error: error && (left || showAll || (saveAttempted && changed)) ? error.message : undefined,
    note: warning?.message,
  };
}

export function TextField({
  name,
  label,
  placeholder,
  type,
  maxLength,
  w,
}: {
  name: FieldName;
  label?: string;
  placeholder?: string;
  type?: string;
  maxLength?: number;
  w?: number | string;
}) {
  const { register } = useFormContext<OrderFormValues>();
  const { error, note } = useFieldMessages(name);
  return (
    <TextInput
      label={labelOf(name, label)}
      placeholder={placeholder}
      type={type}
      maxLength={maxLength}
      w={w}
      error={error}
      description={note}
      {...register(name)}
    />
  );
}

export function AreaField({ name, label }: { name: FieldName; label?: string }) {
  const { register } = useFormContext<OrderFormValues>();
  const { error, note } = useFieldMessages(name);
  return (
    <Textarea
      label={labelOf(name, label)}
      autosize
      minRows={2}
      error={error}
      description={note}
      {...register(name)}
    />
  );
}

/**
 * A date field of the order: the form holds the ISO date, or what the clerk typed when it is not a
 * date yet (kept on screen and reported, never dropped).
 */
export function DateField({
  name,
  label,
  birth = false,
}: {
  name: FieldName;
  label?: string;
  birth?: boolean;
}) {
  const { control } = useFormContext<OrderFormValues>();
  const { error, note } = useFieldMessages(name);
  const { today } = useContext(FieldChecksContext);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <DateInput
          label={labelOf(name, label)}
          name={field.name}
          ref={field.ref}
          value={typeof field.value === 'string' ? field.value : ''}
          onChange={(iso, text) => {
            field.onChange(iso !== '' ? iso : text.trim());
          }}
          onBlur={field.onBlur}
          error={error}
          description={note}
          futureYears={birth ? 0 : 20}
          {...(today === '' ? {} : { today })}
        />
      )}
    />
  );
}

/**
 * Drop-downs of the form. Tabbing into one does not open it (a list that opens on focus covers the
 * next fields); a click, typing or the arrow keys do. The list may be wider than the box, so no
 * option is cut.
 */
const SELECT_BEHAVIOUR = {
  searchable: true,
  clearable: true,
  openOnFocus: false,
  comboboxProps: { withinPortal: true, width: 'max-content' as const, position: 'bottom-start' as const },
};

export function CodeField<C extends string>({
  name,
  label,
  table,
  w,
}: {
  name: FieldName;
  label?: string;
  table: CodeTable<C>;
  w?: number | string;
}) {
  const { control } = useFormContext<OrderFormValues>();
  const { error, note } = useFieldMessages(name);
  const data = table.entries.map((e) => ({ value: e.code, label: `${e.code} – ${e.label}` }));
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Select
          {...SELECT_BEHAVIOUR}
          label={labelOf(name, label)}
          data={data}
          w={w}
          value={typeof field.value === 'string' && field.value !== '' ? field.value : null}
          onChange={(v) => {
            field.onChange(v ?? '');
          }}
          onBlur={field.onBlur}
          ref={field.ref}
          error={error}
          description={note}
        />
      )}
    />
  );
}

export function ChoiceField({
  name,
  label,
  data,
  w,
}: {
  name: FieldName;
  label?: string;
  data: { value: string; label: string }[];
  w?: number | string;
}) {
  const { control } = useFormContext<OrderFormValues>();
  const { error, note } = useFieldMessages(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Select
          {...SELECT_BEHAVIOUR}
          label={labelOf(name, label)}
          data={data}
          w={w}
          value={typeof field.value === 'string' && field.value !== '' ? field.value : null}
          onChange={(v) => {
            field.onChange(v ?? '');
          }}
          onBlur={field.onBlur}
          ref={field.ref}
          error={error}
          description={note}
        />
      )}
    />
  );
}

export function FlagField({
  name,
  label,
}: {
  name: 'bradyIndicator' | 'sealed' | 'firearms.prohibited';
  label?: string;
}) {
  const { control } = useFormContext<OrderFormValues>();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Switch
          label={labelOf(name, label)}
          checked={field.value}
          onChange={(e) => {
            field.onChange(e.currentTarget.checked);
          }}
          onBlur={field.onBlur}
          ref={field.ref}
        />
      )}
    />
  );
}

export function CodesField<C extends string>({ table, label }: { table: CodeTable<C>; label: string }) {
  const { control } = useFormContext<OrderFormValues>();
  const { error, note } = useFieldMessages('conditions.codes');
  return (
    <Controller
      control={control}
      name="conditions.codes"
      render={({ field }) => (
        <Checkbox.Group
          label={label}
          value={field.value}
          onChange={field.onChange}
          error={error}
          description={note}
        >
          {table.entries.map((e) => (
            <Checkbox
              key={e.code}
              value={e.code}
              label={`${e.code} – ${e.label}`}
              mt={4}
              onBlur={field.onBlur}
            />
          ))}
        </Checkbox.Group>
      )}
    />
  );
}
