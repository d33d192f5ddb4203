/**
 * Form fields of order entry, each labelled, each showing its own problem: the format error from
 * the shared schema, else the CARPOS rule (an error once the field was visited or the clerk asked
 * for a check; a warning as a note).
 */
import { Checkbox, Select, Switch, TextInput, Textarea } from '@mantine/core';
import { createContext, useContext } from 'react';
import { Controller, useFormContext, type FieldPath } from 'react-hook-form';
import type { CodeTable } from '../../../shared/codes';
import type { ValidationIssue } from '../../../shared/validation';
import { NUMBER_FIELDS, type OrderFormValues } from './form-model';

export type FieldName = FieldPath<OrderFormValues>;

export interface IssuesByField {
  readonly issues: ReadonlyMap<string, readonly ValidationIssue[]>;
  /** Show CARPOS errors on fields not visited yet (after "Check for CARPOS"). */
  readonly showAll: boolean;
}

export const IssuesContext = createContext<IssuesByField>({ issues: new Map(), showAll: false });

function plain(name: string, message: string): string {
  if ((NUMBER_FIELDS.has(name) || /\.age$/.test(name)) && /expected number/i.test(message))
    return 'Enter a whole number.';
  if (/^Invalid option/i.test(message)) return 'Choose one of the listed values.';
  return message;
}

export function useFieldMessages(name: FieldName): { error: string | undefined; note: string | undefined } {
  const { formState, getFieldState } = useFormContext<OrderFormValues>();
  const { issues, showAll } = useContext(IssuesContext);
  const formatError = getFieldState(name, formState).error;
  if (formatError?.message) return { error: plain(name, formatError.message), note: undefined };
  const found = issues.get(name) ?? [];
  const visited = getFieldState(name, formState).isTouched;
  const error = found.find((i) => i.severity === 'error');
  const warning = found.find((i) => i.severity === 'warning');
  return {
    error: error && (visited || showAll) ? error.message : undefined,
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
  label: string;
  placeholder?: string;
  type?: string;
  maxLength?: number;
  w?: number | string;
}) {
  const { register } = useFormContext<OrderFormValues>();
  const { error, note } = useFieldMessages(name);
  return (
    <TextInput
      label={label}
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

export function AreaField({ name, label }: { name: FieldName; label: string }) {
  const { register } = useFormContext<OrderFormValues>();
  const { error, note } = useFieldMessages(name);
  return <Textarea label={label} autosize minRows={2} error={error} description={note} {...register(name)} />;
}

export function CodeField<C extends string>({
  name,
  label,
  table,
  w,
}: {
  name: FieldName;
  label: string;
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
          label={label}
          data={data}
          w={w}
          searchable
          clearable
          value={typeof field.value === 'string' && field.value !== '' ? field.value : null}
          onChange={(v) => {
            field.onChange(v ?? '');
          }}
          onBlur={field.onBlur}
          ref={field.ref}
          error={error}
          description={note}
          comboboxProps={{ withinPortal: true }}
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
  label: string;
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
          label={label}
          data={data}
          w={w}
          searchable
          clearable
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
  label: string;
}) {
  const { control } = useFormContext<OrderFormValues>();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Switch
          label={label}
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
