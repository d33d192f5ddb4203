/**
 * The seam between the registry and DOJ CARPOS: one call sends one CARPOS transaction for one order
 * and answers with DOJ's verdict. The real CLETS wire format is not public, so everything behind this
 * interface is replaceable: today the documented simulator (simulator/) stands in for DOJ.
 */
import type { CarposTransaction, ProtectiveOrder } from '../../shared/order';

/** One CARPOS message. */
export interface CarposRequest {
  /**
   * Identifies this transaction across retries and restarts (`<order id>.v<version sent>`): DOJ
   * answers a repeated id with its first answer instead of acting twice.
   */
  readonly transactionId: string;
  readonly kind: CarposTransaction;
  /** The sending agency (the order's court). */
  readonly senderOri: string;
  readonly order: ProtectiveOrder;
  /** Cancels the call (timeout or shutdown); the gateway then rejects with CarposUnavailableError. */
  readonly signal?: AbortSignal;
}

/** Why DOJ refused a transaction, in words a CLETS-certified user can act on. */
export interface DojReason {
  readonly code: string;
  /** The order field concerned (dotted path, as in validation issues), when there is one. */
  readonly field?: string;
  readonly message: string;
}

export type CarposAnswer =
  | {
      readonly outcome: 'accepted';
      /** The 13-digit File Control Number DOJ assigned (enter) or the record's FCN (others). */
      readonly fcn: string;
      /** DOJ's own message reference, for the audit trail. */
      readonly dojReference: string;
    }
  | {
      readonly outcome: 'rejected';
      readonly reasons: readonly DojReason[];
      readonly dojReference: string;
    };

/** DOJ did not answer (down, timed out, network): the transaction may be sent again later. */
export class CarposUnavailableError extends Error {
  readonly code = 'DOJ_UNAVAILABLE';
}

export interface CarposGateway {
  /** Sends one transaction; resolves with DOJ's answer or rejects with CarposUnavailableError. */
  send(request: CarposRequest): Promise<CarposAnswer>;
}
