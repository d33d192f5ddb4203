/**
 * Where finished orders go. The batch runner hands each order's PDF to an OrderSink; the station
 * wires one that stores the PDF and attaches it to its draft (see store-sink.ts when the station
 * store is there), tests and the benchmark use the directory sink.
 *
 * Contract:
 * - `takenNames()` lists file names already used, so the naming convention can pick a free one
 *   (compared case-insensitively: Windows and macOS file systems are).
 * - `deliver()` stores one order. It must never overwrite another order's file: when the name was
 *   taken in the meantime it throws OrderNameTakenError and the runner picks the next sequence.
 *   Delivering the same orderId again (a re-render after an edit) replaces that order's previous
 *   version and keeps its file name.
 */
import { CodedError } from '../../../shared/errors';

export interface OrderDelivery {
  readonly batchId: string;
  readonly orderId: string;
  readonly revision: number;
  readonly fileName: string;
  readonly pdf: Uint8Array;
  readonly draftId?: string | undefined;
  readonly pageCount: number;
  readonly caseNumber?: string | undefined;
}

export interface DeliveryReceipt {
  /** Where it went (a path, a document id). */
  readonly location: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly size: number;
}

export interface OrderSink {
  takenNames(): Promise<ReadonlySet<string>>;
  /** A synchronous check against the sink's own records, for sinks that cannot list every name. */
  nameTaken?(fileName: string): boolean;
  deliver(delivery: OrderDelivery): Promise<DeliveryReceipt>;
}

export class OrderNameTakenError extends CodedError {
  constructor(name: string) {
    super('NAME_TAKEN', `A file named ${name} already exists.`, 'fileName');
  }
}
