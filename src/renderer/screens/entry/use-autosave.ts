/**
 * Nothing a clerk typed is lost: every change is saved to the station's encrypted store within a
 * second of the last keystroke. A draft may be incomplete, so nothing holds a save back except a
 * field whose text the order cannot hold ("abc" in Height): the rest of the order is saved, that
 * field is saved empty, its text stays on screen with its message, the save state names it, and
 * the unsaved-changes guard holds the clerk back from leaving until it is fixed or dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { DraftDto } from '../../../shared/ipc/drafts';
import { fieldNameOf } from '../../../shared/order/field-labels';
import { call, problemOf, useStation } from '../../api/context';
import { useNavigation } from '../../app/navigation';
import { mark } from '../../test-events';
import { readOrderForm } from './form-check';
import type { OrderFormValues } from './form-model';

const AUTOSAVE_DELAY_MS = 800;

export type SaveState =
  | { kind: 'saved'; at: string }
  /** Saved, except the named fields, whose text is on screen only. */
  | { kind: 'partial'; at: string; notSaved: readonly string[] }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string };

/**
 * Autosave, and `save()` for "save now": it saves what can be saved and resolves true only when
 * everything on screen is in the store (so a step to the next draft or a submission waits).
 */
export function useAutosave(
  form: UseFormReturn<OrderFormValues>,
  draft: DraftDto,
  onSaved: (draft: DraftDto) => void,
  today: string,
) {
  const api = useStation();
  const { setGuard } = useNavigation();
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: draft.updatedAt });
  const dirty = useRef(false);
  const textNotSaved = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // What the form does not show (id, court, service…) comes from the draft as opened; a saved copy
  // changes none of it, and holding it here keeps `save` the same function across saves.
  const base = useRef(draft.order);

  const save = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const reading = readOrderForm(form.getValues(), base.current, today);
    const notSaved = [...reading.unreadable.keys()].map(fieldNameOf);
    textNotSaved.current = notSaved.length > 0;
    const settled = (at: string): SaveState =>
      notSaved.length > 0 ? { kind: 'partial', at, notSaved } : { kind: 'saved', at };
    if (!dirty.current) {
      setState((s) => (s.kind === 'saved' || s.kind === 'partial' ? settled(s.at) : s));
      return notSaved.length === 0;
    }
    setState({ kind: 'saving' });
    dirty.current = false;
    try {
      const saved = await call(api, 'drafts:save', { order: reading.order });
      setState(settled(saved.updatedAt));
      onSaved(saved);
      mark('draft:saved');
      return notSaved.length === 0;
    } catch (error) {
      dirty.current = true;
      setState({ kind: 'failed', message: problemOf(error).message });
      return false;
    }
  }, [api, form, onSaved, today]);

  useEffect(() => {
    const subscription = form.watch(() => {
      dirty.current = true;
      setState({ kind: 'pending' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    });
    return () => {
      subscription.unsubscribe();
    };
  }, [form, save]);

  useEffect(() => {
    setGuard(() => dirty.current || textNotSaved.current);
    return () => {
      setGuard(null);
      // Leaving with a pending change: save what can be saved now rather than drop it.
      if (timer.current) {
        clearTimeout(timer.current);
        void save();
      }
    };
  }, [setGuard, save]);

  return { state, save };
}
