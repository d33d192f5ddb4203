/**
 * Order entry: the scanned PDF beside the CARPOS form in a split pane whose ratio is remembered
 * (1280×1024 and up), keyboard first.
 * Ctrl+S saves now, Alt+→ and Alt+← open the next and previous draft; everything is autosaved.
 */
import { Alert, Button, Group, Kbd, ScrollArea, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import type { Problem } from '../../../shared/errors';
import type { DraftDto } from '../../../shared/ipc/drafts';
import { availableTransitions, statusLabel, TRANSITIONS } from '../../../shared/order/lifecycle';
import { call, problemOf, useStation } from '../../api/context';
import { useNavigation } from '../../app/navigation';
import { SplitPane } from '../../components/SplitPane';
import { formatClockTime } from '../../format/wording';
import { PdfViewer } from '../../pdf/PdfViewer';
import { DraftSyncState } from '../../sync/DraftSyncState';
import { SubmitConfirmation } from '../../sync/SubmitConfirmation';
import { SUBMIT_TRANSITIONS } from '../../sync/submit-next-steps';
import { CarposIssues } from './CarposIssues';
import { ConflictCheck } from './ConflictCheck';
import { FieldChecksContext } from './fields';
import { checkOrderForm, unreadableIssues } from './form-check';
import { orderToForm, type OrderFormValues } from './form-model';
import { OrderForm } from './OrderForm';
import { useAutosave } from './use-autosave';
import { useDraftDocument } from './use-draft-document';

/** Where the document/form split is remembered (a layout preference; no order data). */
const VIEWER_RATIO_KEY = 'ccpor.entry.viewer-ratio';
/** The form's narrowest width: four fields a row (the restrained person's) show a whole date. */
const FORM_MIN_WIDTH = 560;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "A", "A and B", "A, B and C". */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

function SaveIndicator({ state }: { state: ReturnType<typeof useAutosave>['state'] }) {
  const text =
    state.kind === 'saved'
      ? `Saved on this station at ${formatClockTime(state.at)}`
      : state.kind === 'partial'
        ? `Saved on this station at ${formatClockTime(state.at)}, except ${listed(state.notSaved)}: what is typed there is not saved until it is corrected.`
        : state.kind === 'pending'
          ? 'Changes will be saved in a moment'
          : state.kind === 'saving'
            ? 'Saving…'
            : `Not saved: ${state.message}`;
  return (
    <Text
      size="sm"
      role="status"
      data-testid="save-state"
      data-state={state.kind}
      c={state.kind === 'partial' || state.kind === 'failed' ? 'red.9' : undefined}
    >
      {text}
    </Text>
  );
}

function EntryForm({ draft, onChanged }: { draft: DraftDto; onChanged: (d: DraftDto) => void }) {
  const api = useStation();
  const { go } = useNavigation();
  const form = useForm<OrderFormValues>({
    defaultValues: orderToForm(draft.order),
    // No resolver: `checkOrderForm` reads each field on its own, so one bad field hides nothing.
    shouldFocusError: false,
  });
  const todayIso = today();
  const { state, save: autosaveNow } = useAutosave(form, draft, onChanged, todayIso);
  const [level, setLevel] = useState<'enter' | 'intake'>('enter');
  const [showAll, setShowAll] = useState(false);
  const [saveAttempted, setSaveAttempted] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const values = useWatch({ control: form.control }) as OrderFormValues;
  const check = useMemo(
    () => checkOrderForm(values, draft.order, level, { today: todayIso }),
    [values, draft.order, level, todayIso],
  );
  const issues = useMemo(() => [...unreadableIssues(check), ...check.issues], [check]);
  const checks = useMemo(() => {
    const byField = new Map<string, typeof issues>();
    for (const i of check.issues) byField.set(i.field, [...(byField.get(i.field) ?? []), i]);
    return { unreadable: check.unreadable, issues: byField, saveAttempted, showAll, today: todayIso };
  }, [check, saveAttempted, showAll, todayIso]);
  // A save the clerk asked for shows what could not be saved; autosave stays quiet.
  const save = useCallback(async () => {
    setSaveAttempted(true);
    return autosaveNow();
  }, [autosaveNow]);
  const [submitted, setSubmitted] = useState<DraftDto | null>(null);
  const [last, first, dob] = useWatch({
    control: form.control,
    name: ['restrainedPerson.name.last', 'restrainedPerson.name.first', 'restrainedPerson.dob'],
  });

  const step = useCallback(
    async (direction: 1 | -1) => {
      if (!(await save())) return;
      const list = await call(api, 'drafts:list', { limit: 500 });
      const at = list.findIndex((d) => d.id === draft.id);
      const next = list[at + direction];
      if (next) go({ screen: 'entry', draftId: next.id });
    },
    [api, draft.id, go, save],
  );
  useHotkeys(
    [
      ['mod+S', () => void save()],
      ['alt+ArrowRight', () => void step(1)],
      ['alt+ArrowLeft', () => void step(-1)],
    ],
    [],
  );

  const runTransition = async (name: string) => {
    setProblem(null);
    if (!(await save())) {
      // A failed save says so in the save state; text the order cannot hold is said here.
      if (check.unreadable.size > 0)
        setProblem({
          code: 'FIELDS_NOT_SAVED',
          message: 'Correct the fields marked in red first: what is typed there is not saved yet.',
        });
      return;
    }
    try {
      const after = await call(api, 'drafts:transition', { id: draft.id, transition: name });
      onChanged(after);
      if (SUBMIT_TRANSITIONS.has(name)) setSubmitted(after);
    } catch (error) {
      setProblem(problemOf(error));
      setShowAll(true);
    }
  };

  return (
    <FormProvider {...form}>
      <FieldChecksContext.Provider value={checks}>
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap">
            <SaveIndicator state={state} />
            <Text size="xs" c="dimmed">
              <Kbd>Ctrl</Kbd>+<Kbd>S</Kbd> save · <Kbd>Alt</Kbd>+<Kbd>→</Kbd> next · <Kbd>Alt</Kbd>+
              <Kbd>←</Kbd> previous
            </Text>
          </Group>
          <ConflictCheck orderId={draft.id} last={last} first={first} dob={dob} />
          <form
            aria-label="CARPOS data"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <OrderForm />
          </form>
          <Group gap="xs">
            <Text size="sm">Check for:</Text>
            <SegmentedControl
              size="xs"
              value={level}
              onChange={(v) => {
                setLevel(v === 'intake' ? 'intake' : 'enter');
              }}
              data={[
                { value: 'enter', label: 'Complete CARPOS entry' },
                { value: 'intake', label: 'Basic details (sheriff completes)' },
              ]}
              aria-label="Which check"
            />
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                setShowAll(true);
              }}
            >
              Show every missing field
            </Button>
          </Group>
          <CarposIssues issues={issues} level={level === 'enter' ? 'enter' : 'basic details'} />
          {problem && (
            <Alert color="red" role="alert" title="Not done">
              {problem.message}
            </Alert>
          )}
          <Group gap="xs">
            <Button onClick={() => void save()}>Save draft</Button>
            {availableTransitions(draft.status).map((t) => (
              <Button key={t} variant="default" onClick={() => void runTransition(t)}>
                {TRANSITIONS[t].label}
              </Button>
            ))}
          </Group>
          <SubmitConfirmation
            submitted={submitted}
            onClose={() => {
              setSubmitted(null);
            }}
          />
        </Stack>
      </FieldChecksContext.Provider>
    </FormProvider>
  );
}

function DraftEntry({ draftId }: { draftId: string }) {
  const api = useStation();
  const [draft, setDraft] = useState<DraftDto | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const pdf = useDraftDocument(draftId);

  useEffect(() => {
    let alive = true;
    call(api, 'drafts:get', { id: draftId }).then(
      (d) => {
        if (alive) setDraft(d);
      },
      (error: unknown) => {
        if (alive) setProblem(problemOf(error));
      },
    );
    return () => {
      alive = false;
    };
  }, [api, draftId]);

  if (problem)
    return (
      <Alert color="red" role="alert">
        {problem.message}
      </Alert>
    );
  if (!draft) return <Text>Opening the draft…</Text>;
  return (
    <Stack gap="xs" h="calc(100vh - 52px - 44px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Order entry — {draft.order.caseNumber ?? 'no case number yet'}
        </Title>
        <Text size="sm">
          Status: {statusLabel(draft.status)} ·{' '}
          <DraftSyncState draftId={draft.id} initial={draft.syncState} />
        </Text>
      </Group>
      <SplitPane
        label="Resize the document and the form"
        valueText={(percent) => `Document ${String(percent)}% of the width`}
        controls="entry-document-pane"
        storageKey={VIEWER_RATIO_KEY}
        defaultRatio={0.45}
        minFirst={280}
        minSecond={FORM_MIN_WIDTH}
        first={
          <PdfViewer
            bytes={pdf.state === 'ready' ? pdf.bytes : null}
            title={pdf.state === 'ready' ? pdf.fileName : 'order'}
            loading={pdf.state === 'loading'}
            problem={pdf.state === 'failed' ? pdf.message : null}
          />
        }
        second={
          <ScrollArea
            h="100%"
            type="auto"
            offsetScrollbars
            viewportProps={{ tabIndex: -1 }}
            data-testid="entry-form-column"
          >
            <EntryForm key={draft.id} draft={draft} onChanged={setDraft} />
          </ScrollArea>
        }
      />
    </Stack>
  );
}

export function OrderEntryScreen({ draftId }: { draftId: string | undefined }) {
  const api = useStation();
  const { go } = useNavigation();
  if (draftId === undefined) {
    return (
      <Stack maw={560}>
        <Title order={2}>Order entry</Title>
        <Text>
          Open a draft from the Drafts list or from a scanned batch, or start a new draft (data entry first,
          imaging later).
        </Text>
        <Group>
          <Button
            onClick={() =>
              void call(api, 'drafts:create', {}).then((d) => {
                go({ screen: 'entry', draftId: d.id });
              })
            }
          >
            Start a new draft
          </Button>
          <Button
            variant="default"
            onClick={() => {
              go({ screen: 'drafts' });
            }}
          >
            Open the drafts list
          </Button>
        </Group>
      </Stack>
    );
  }
  // A new draft starts from a clean slate: nothing of the previous one can leak into it.
  return <DraftEntry key={draftId} draftId={draftId} />;
}
