/**
 * The order lifecycle as an explicit state machine. Every change of status is a named transition;
 * anything else is refused with an InvalidTransitionError, so the station and the registry agree on
 * what may happen to an order and the audit log can name what did.
 *
 * Entry:    draft -submit-> submitted -sendToDoj-> sent_to_doj -dojAcknowledge-> acknowledged
 *           acknowledged -reviewResponse-> active (a CLETS-certified user reads the DOJ response)
 *           draft -submitForCompletion-> awaiting_carpos_data -completeCarposData-> submitted (sheriff completes)
 *           submitted -activateWithoutGateway-> active (courts that do not use the DOJ gateway)
 * Rejected: sent_to_doj -dojReject-> rejected -revise-> draft
 * In force: active|modified|served -modify-> modified;  active|modified -recordService-> served
 * End:      active|modified|served -cancel-> cancelled / -expire-> expired;  draft -discard-> discarded
 */
import { CodedError } from '../errors';

export const ORDER_STATUSES = [
  'draft',
  'awaiting_carpos_data',
  'submitted',
  'sent_to_doj',
  'acknowledged',
  'rejected',
  'active',
  'modified',
  'served',
  'cancelled',
  'expired',
  'discarded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The CARPOS transaction a transition sends to DOJ, if any; validation runs for it first. */
export type CarposTransaction = 'enter' | 'modify' | 'service' | 'cancel';
/** What must be complete before a transition: a CARPOS transaction, or only the intake basics. */
export type ValidationLevel = CarposTransaction | 'intake';

export interface TransitionDefinition {
  readonly from: readonly OrderStatus[];
  readonly to: OrderStatus;
  readonly label: string;
  /** The validation that must pass first; null when the transition needs none. */
  readonly validates: ValidationLevel | null;
  /** Performed by the DOJ gateway or the clock, never by a person at a station. */
  readonly system: boolean;
  /** Only a CLETS-certified user may do it (it shows or acts on a DOJ response). */
  readonly requiresClets: boolean;
}

const IN_FORCE = ['active', 'modified', 'served'] as const satisfies readonly OrderStatus[];

export const TRANSITIONS = {
  submit: {
    from: ['draft'],
    to: 'submitted',
    label: 'Submit with complete CARPOS data',
    validates: 'enter',
    system: false,
    requiresClets: false,
  },
  submitForCompletion: {
    from: ['draft'],
    to: 'awaiting_carpos_data',
    label: 'Submit basic details for the sheriff to complete',
    validates: 'intake',
    system: false,
    requiresClets: false,
  },
  completeCarposData: {
    from: ['awaiting_carpos_data'],
    to: 'submitted',
    label: 'Complete the CARPOS data',
    validates: 'enter',
    system: false,
    requiresClets: false,
  },
  returnToCourt: {
    from: ['awaiting_carpos_data'],
    to: 'draft',
    label: 'Return to the court for correction',
    validates: null,
    system: false,
    requiresClets: false,
  },
  sendToDoj: {
    from: ['submitted'],
    to: 'sent_to_doj',
    label: 'Send to DOJ CARPOS',
    validates: 'enter',
    system: true,
    requiresClets: false,
  },
  activateWithoutGateway: {
    from: ['submitted'],
    to: 'active',
    label: 'Record without the DOJ gateway (court enters CARPOS itself)',
    validates: null,
    system: false,
    requiresClets: false,
  },
  dojAcknowledge: {
    from: ['sent_to_doj'],
    to: 'acknowledged',
    label: 'DOJ acknowledged',
    validates: null,
    system: true,
    requiresClets: false,
  },
  dojReject: {
    from: ['sent_to_doj'],
    to: 'rejected',
    label: 'DOJ rejected',
    validates: null,
    system: true,
    requiresClets: false,
  },
  reviewResponse: {
    from: ['acknowledged'],
    to: 'active',
    label: 'Review the DOJ response',
    validates: null,
    system: false,
    requiresClets: true,
  },
  revise: {
    from: ['rejected'],
    to: 'draft',
    label: 'Correct and resubmit',
    validates: null,
    system: false,
    requiresClets: true,
  },
  modify: {
    from: IN_FORCE,
    to: 'modified',
    label: 'Modify',
    validates: 'modify',
    system: false,
    requiresClets: false,
  },
  recordService: {
    from: ['active', 'modified'],
    to: 'served',
    label: 'Record proof of service',
    validates: 'service',
    system: false,
    requiresClets: false,
  },
  cancel: {
    from: IN_FORCE,
    to: 'cancelled',
    label: 'Cancel',
    validates: 'cancel',
    system: false,
    requiresClets: false,
  },
  expire: {
    from: IN_FORCE,
    to: 'expired',
    label: 'Expired',
    validates: null,
    system: true,
    requiresClets: false,
  },
  discard: {
    from: ['draft'],
    to: 'discarded',
    label: 'Discard the draft',
    validates: null,
    system: false,
    requiresClets: false,
  },
} as const satisfies Record<string, TransitionDefinition>;

export type TransitionName = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as TransitionName[];

export const TERMINAL_STATUSES: readonly OrderStatus[] = ['cancelled', 'expired', 'discarded'];

export class InvalidTransitionError extends CodedError {
  readonly from: OrderStatus;
  readonly transition: string;

  constructor(from: OrderStatus, transition: string) {
    const known = Object.hasOwn(TRANSITIONS, transition);
    super(
      known ? 'INVALID_TRANSITION' : 'UNKNOWN_TRANSITION',
      known
        ? `An order that is ${statusLabel(from)} cannot be changed by "${TRANSITIONS[transition as TransitionName].label}".`
        : `"${transition}" is not an order action.`,
    );
    this.from = from;
    this.transition = transition;
  }
}

const STATUS_LABELS: Record<OrderStatus, string> = {
  draft: 'a draft',
  awaiting_carpos_data: 'awaiting CARPOS data',
  submitted: 'submitted',
  sent_to_doj: 'sent to DOJ',
  acknowledged: 'acknowledged by DOJ',
  rejected: 'rejected by DOJ',
  active: 'active',
  modified: 'modified',
  served: 'served',
  cancelled: 'cancelled',
  expired: 'expired',
  discarded: 'discarded',
};

export function statusLabel(status: OrderStatus): string {
  return STATUS_LABELS[status];
}

export function isTransitionName(name: string): name is TransitionName {
  return Object.hasOwn(TRANSITIONS, name);
}

export function canTransition(from: OrderStatus, transition: string): boolean {
  return (
    isTransitionName(transition) && (TRANSITIONS[transition].from as readonly OrderStatus[]).includes(from)
  );
}

/** The status after `transition`, or an InvalidTransitionError. */
export function nextStatus(from: OrderStatus, transition: string): OrderStatus {
  if (!isTransitionName(transition) || !canTransition(from, transition)) {
    throw new InvalidTransitionError(from, transition);
  }
  return TRANSITIONS[transition].to;
}

/** The transitions a person (not the gateway or the clock) may start from `status`. */
export function availableTransitions(status: OrderStatus): TransitionName[] {
  return TRANSITION_NAMES.filter((t) => !TRANSITIONS[t].system && canTransition(status, t));
}
