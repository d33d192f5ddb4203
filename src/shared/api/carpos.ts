/** DOJ CARPOS responses as the registry keeps them (GET /orders/:id/doj-responses, CLETS-certified users only). */
import { z } from 'zod';

export const dojReasonSchema = z.object({
  code: z.string(),
  field: z.string().optional(),
  message: z.string(),
});

/** One step of the gateway for an order: DOJ's answer, an outage, or the registry refusing to send. */
export const dojResponseSchema = z.object({
  at: z.string(),
  transaction: z.enum(['enter', 'modify', 'service', 'cancel']),
  transactionId: z.string(),
  attempt: z.int(),
  outcome: z.enum(['accepted', 'rejected', 'unavailable', 'refused']),
  /** The File Control Number DOJ assigned (accepted). */
  fcn: z.string().optional(),
  /** DOJ's reasons (rejected), in plain words. */
  reasons: z.array(dojReasonSchema),
  dojReference: z.string().optional(),
  /** Why there was no answer (unavailable) or nothing was sent (refused). */
  error: z.string().optional(),
});
export type DojResponse = z.infer<typeof dojResponseSchema>;

export const dojResponsesSchema = z.object({
  orderId: z.uuid(),
  responses: z.array(dojResponseSchema),
});
export type DojResponses = z.infer<typeof dojResponsesSchema>;
