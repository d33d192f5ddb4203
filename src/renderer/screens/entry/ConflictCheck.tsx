/**
 * The registry's conflicting-orders check: once the restrained person's name and date of birth are
 * entered, other live orders against the same person (statewide) are listed beside the form.
 */
import { Alert, List } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SearchHitDto } from '../../../shared/ipc/registry';
import { isIsoDate } from '../../../shared/util/dates';
import { formatCourtDate } from '../../../shared/util/typed-date';
import { call, problemOf, useStation } from '../../api/context';
import { isOnline, useSession } from '../../app/session-context';
import { countOf } from '../../format/wording';
import { MATCH_WORDS } from '../search/MatchBadge';
import { statusLabel } from '../../../shared/order/lifecycle';

interface Props {
  readonly orderId: string;
  readonly last: string;
  readonly first: string;
  readonly dob: string;
}

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; hits: readonly SearchHitDto[] }
  | { kind: 'failed'; message: string };

export function ConflictCheck({ orderId, last, first, dob }: Props) {
  const api = useStation();
  const session = useSession();
  const online = isOnline(session);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const ready = last.trim() !== '' && isIsoDate(dob);

  useEffect(() => {
    if (!ready || !online) return;
    let current = true;
    const timer = setTimeout(() => {
      setState({ kind: 'checking' });
      call(api, 'registry:conflicts', {
        name: { last: last.trim(), ...(first.trim() === '' ? {} : { first: first.trim() }) },
        dob,
        excludeOrderId: orderId,
      }).then(
        (answer) => {
          if (current) setState({ kind: 'done', hits: answer.conflicts });
        },
        (error: unknown) => {
          if (current) setState({ kind: 'failed', message: problemOf(error).message });
        },
      );
    }, 500);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, ready, online, orderId, last, first, dob]);

  if (!ready) return null;
  if (!online) {
    return (
      <Alert color="gray" title="Conflicting orders not checked" data-testid="conflict-check">
        The check needs the registry; the station is offline. It runs when you open this order online.
      </Alert>
    );
  }
  if (state.kind === 'failed')
    return (
      <Alert color="orange" title="Conflicting orders not checked" data-testid="conflict-check">
        {state.message}
      </Alert>
    );
  // The same shape as the answer (a titled alert of one line), so the form below does not jump
  // when the answer arrives: a jump moved fields under a clerk's pointer and closed open drop-downs.
  if (state.kind !== 'done')
    return (
      <Alert
        color="gray"
        title="Checking for conflicting orders"
        data-testid="conflict-check"
        aria-busy="true"
      >
        Asking the registry for other orders against this person…
      </Alert>
    );
  if (state.hits.length === 0)
    return (
      <Alert color="green" title="No conflicting orders" data-testid="conflict-check">
        The registry has no other live order against this person.
      </Alert>
    );
  return (
    <Alert
      color="red"
      title={`${countOf(state.hits.length, 'other order')} against this person`}
      data-testid="conflict-check"
      role="alert"
    >
      <List size="sm">
        {state.hits.map((h) => (
          <List.Item key={h.orderId}>
            {h.match ? `${MATCH_WORDS[h.match]}: ` : ''}
            {h.county}: case {h.caseNumber ?? '—'}, {h.formId ?? 'form unknown'}, {statusLabel(h.status)},
            expires {h.expirationDate ? formatCourtDate(h.expirationDate) : '—'}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
