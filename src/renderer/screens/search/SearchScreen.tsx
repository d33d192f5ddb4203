/**
 * Search the registry (online only, and it says so): county or statewide, by name, date of birth,
 * case number or FCN; a results table; an order opens with its image.
 */
import { Alert, Button, Drawer, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useRef, useState, type CSSProperties, type SyntheticEvent } from 'react';
import type { PdfDto, RegistryOrderDto, SearchHitDto, SearchResultDto } from '../../../shared/ipc/registry';
import { statusLabel } from '../../../shared/order/lifecycle';
import { localIsoDate } from '../../../shared/util/dates';
import { formatCourtDate, parseTypedDate, TYPED_DATE_HINT } from '../../../shared/util/typed-date';
import { call, problemOf, useStation } from '../../api/context';
import { isOnline, useSession } from '../../app/session-context';
import { DataTable } from '../../components/DataTable';
import { base64ToBytes } from '../../pdf/pdfjs';
import { PdfViewer } from '../../pdf/PdfViewer';
import { mark } from '../../test-events';
import { resultColumns } from './result-columns';
import {
  SEARCH_FIELD_LABELS,
  SEARCH_FIELDS,
  searchCriteria,
  type SearchField,
  type SearchFields,
} from './search-criteria';
import { searchProblem } from './search-problem';

/** Keyboard users land on the field to fix. */
function focusField(form: HTMLFormElement, field: SearchField | undefined): void {
  if (field === undefined) return;
  const element = form.elements.namedItem(field);
  if (element instanceof HTMLInputElement) element.focus();
}

const EMPTY_FIELDS: SearchFields = { lastName: '', firstName: '', dob: '', caseNumber: '', fcn: '' };

const courtDateOrDash = (iso: string | undefined): string => (iso ? formatCourtDate(iso) : '—');

const name = (n: { last?: string | undefined; first?: string | undefined }) =>
  [n.last, n.first].filter(Boolean).join(', ');

function OrderDrawer({ hit, onClose }: { hit: SearchHitDto | null; onClose: () => void }) {
  const api = useStation();
  const [record, setRecord] = useState<RegistryOrderDto | null>(null);
  const [pdf, setPdf] = useState<PdfDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  if (hit && loadedFor !== hit.orderId) {
    setLoadedFor(hit.orderId);
    setRecord(null);
    setPdf(null);
    setError(null);
    void (async () => {
      try {
        const r = await call(api, 'registry:order', { id: hit.orderId });
        setRecord(r);
        const image = r.images[r.images.length - 1];
        if (image) setPdf(await call(api, 'registry:image', { orderId: hit.orderId, sha256: image.sha256 }));
        mark('search:order-opened');
      } catch (e) {
        setError(problemOf(e).message);
      }
    })();
  }
  const bytes = useMemo(() => (pdf ? base64ToBytes(pdf.base64) : null), [pdf]);
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={hit !== null}
      onClose={onClose}
      position="right"
      size={760}
      title={hit ? `Order ${hit.caseNumber ?? hit.orderId}` : ''}
    >
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {record && (
        <Stack gap="xs" h={820}>
          <Text size="sm" data-testid="order-summary">
            {record.order.court.name} · {record.order.formId ?? 'form unknown'} · {statusLabel(record.status)}{' '}
            · restrained: {name(record.order.restrainedPerson.name)} · DOB{' '}
            {courtDateOrDash(record.order.restrainedPerson.dob)} · expires{' '}
            {courtDateOrDash(record.order.expirationDate)}
          </Text>
          {record.images.length === 0 ? (
            <Text c="dimmed">The registry has no image for this order.</Text>
          ) : (
            <PdfViewer bytes={bytes} title={pdf?.fileName ?? 'order'} />
          )}
        </Stack>
      )}
    </Drawer>
  );
}

export function SearchScreen() {
  const api = useStation();
  const session = useSession();
  const online = isOnline(session);
  const [scope, setScope] = useState<'county' | 'statewide'>('statewide');
  const [fields, setFields] = useState<SearchFields>(EMPTY_FIELDS);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<SearchField, string>>>({});
  const [result, setResult] = useState<SearchResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<SearchHitDto | null>(null);
  // Only the latest search may show its answer: an earlier one arriving late is someone else's.
  const latest = useRef(0);

  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const request = ++latest.current;
    // Whatever happens next, the previous results (perhaps another person) are gone.
    setResult(null);
    setOpen(null);
    setError(null);
    const criteria = searchCriteria(fields, { today: localIsoDate(new Date()), scope });
    if (!criteria.ok) {
      setFieldErrors(criteria.errors);
      setError(criteria.general);
      focusField(
        form,
        SEARCH_FIELDS.find((field) => criteria.errors[field] !== undefined),
      );
      mark('search:refused');
      return;
    }
    setFieldErrors({});
    // The date as the court writes it, whichever way it was typed.
    if (criteria.dob !== null) setFields({ ...fields, dob: formatCourtDate(criteria.dob) });
    setBusy(true);
    try {
      const found = await call(api, 'registry:search', { query: criteria.query });
      if (request !== latest.current) return;
      setResult(found);
      mark('search:results');
    } catch (e) {
      if (request !== latest.current) return;
      const problem = searchProblem(problemOf(e));
      if (problem.field === null) setError(problem.message);
      else {
        setFieldErrors({ [problem.field]: problem.message });
        focusField(form, problem.field);
      }
      mark('search:refused');
    } finally {
      if (request === latest.current) setBusy(false);
    }
  };
  const columns = useMemo(() => resultColumns(setOpen), []);
  const showMatch = result?.hits.some((hit) => hit.match !== null && hit.match !== undefined) ?? false;
  const set = (key: SearchField) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setFields({ ...fields, [key]: e.currentTarget.value });
    if (fieldErrors[key] !== undefined) setFieldErrors({ ...fieldErrors, [key]: undefined });
  };
  /** Props shared by the criteria inputs: its name (to focus it), value, change and error. */
  const input = (key: SearchField) => ({
    name: key,
    label: SEARCH_FIELD_LABELS[key],
    value: fields[key],
    onChange: set(key),
    error: fieldErrors[key],
    disabled: !online,
  });

  return (
    <Stack>
      <Title order={2}>Search the registry</Title>
      {!online && (
        <Alert color="orange" title="Search is not available offline" data-testid="search-offline">
          Search asks the registry, and the station cannot reach it now
          {session.session?.state === 'signed-in' && session.session.mode === 'offline'
            ? ' (you unlocked the station offline)'
            : ''}
          . Local drafts are under Drafts.
        </Alert>
      )}
      {/* Error text in a darker red than Mantine's default, which falls below WCAG AA on white. */}
      <form
        onSubmit={(e) => void submit(e)}
        aria-label="Search orders"
        style={{ '--mantine-color-error': 'var(--mantine-color-red-9)' } as CSSProperties}
      >
        <Stack gap="xs">
          <SegmentedControl
            value={scope}
            onChange={(v) => {
              setScope(v === 'county' ? 'county' : 'statewide');
            }}
            data={[
              { value: 'county', label: 'My county' },
              { value: 'statewide', label: 'Statewide' },
            ]}
            aria-label="Where to search"
            w={260}
            disabled={!online}
          />
          <Group align="flex-start">
            <TextInput {...input('lastName')} w={180} />
            <TextInput {...input('firstName')} w={160} />
            <TextInput
              {...input('dob')}
              placeholder={TYPED_DATE_HINT}
              onBlur={() => {
                // Shown the court's way as soon as it is understood; left as typed when it is not.
                const iso = parseTypedDate(fields.dob, { today: localIsoDate(new Date()), futureYears: 0 });
                if (iso !== null) setFields({ ...fields, dob: formatCourtDate(iso) });
              }}
              w={150}
            />
            <TextInput {...input('caseNumber')} w={180} />
            <TextInput {...input('fcn')} w={150} maxLength={13} />
            <Button type="submit" loading={busy} disabled={!online} mt={25}>
              Search
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Names match exactly, by similar spelling (including the beginning of a name) and by sound; exact
            matches first. Type a date of birth as {TYPED_DATE_HINT}.
          </Text>
        </Stack>
      </form>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {result && (
        <DataTable
          data={result.hits}
          columns={showMatch ? columns : columns.filter((c) => c.id !== 'match')}
          caption={`${result.total} order(s) found`}
          rowKey={(h) => h.orderId}
        />
      )}
      <OrderDrawer
        hit={open}
        onClose={() => {
          setOpen(null);
        }}
      />
    </Stack>
  );
}
