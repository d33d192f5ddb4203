/**
 * Nothing a clerk typed is lost: every change is saved to the station's encrypted store within a
 * second of the last keystroke, when it passes the shared schema. What does not pass yet (a date
 * half typed) stays on screen with its error, and the unsaved-changes guard holds the clerk back
 * from leaving until it is fixed or deliberately dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { DraftDto } from '../../../shared/ipc/drafts';
import type { ProtectiveOrder } from '../../../shared/order/schema';
import { call, problemOf, useStation } from '../../api/context';
import { useNavigation } from '../../app/navigation';
import { mark } from '../../test-events';
import { orderFormSchema, type OrderFormValues } from './form-model';

const AUTOSAVE_DELAY_MS = 800;

export type SaveState =
  | { kind: 'saved'; at: string }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'invalid' }
  | { kind: 'failed'; message: string };

export function useAutosave(
  form: UseFormReturn<OrderFormValues>,
  draft: DraftDto,
  onSaved: (draft: DraftDto) => void,
) {
  const api = useStation();
  const { setGuard } = useNavigation();
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: draft.updatedAt });
  const [order, setOrder] = useState<ProtectiveOrder>(draft.order);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const schema = useRef(orderFormSchema(draft.order));

  const save = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const parsed = schema.current.safeParse(form.getValues());
    if (!parsed.success) {
      setState({ kind: 'invalid' });
      await form.trigger();
      return false;
    }
    setOrder(parsed.data);
    if (!dirty.current) return true;
    setState({ kind: 'saving' });
    dirty.current = false;
    try {
      const saved = await call(api, 'drafts:save', { order: parsed.data });
      setState({ kind: 'saved', at: saved.updatedAt });
      onSaved(saved);
      mark('draft:saved');
      return true;
    } catch (error) {
      dirty.current = true;
      setState({ kind: 'failed', message: problemOf(error).message });
      return false;
    }
  }, [api, form, onSaved]);

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
    setGuard(() => dirty.current);
    return () => {
      setGuard(null);
      // Leaving with a valid pending change: save it now rather than drop it.
      if (timer.current) {
        clearTimeout(timer.current);
        void save();
      }
    };
  }, [setGuard, save]);

  return { state, save, order };
}
