/**
 * registry:* — statewide search, an order with its image, and the conflicting-orders check. Online
 * only: each asks the session for an online sign-in first and says so plainly when there is none.
 */
import type { Handlers } from '../../shared/ipc/handlers';
import type { RegistryClient } from '../registry-client';
import type { SessionManager } from '../session';
import type { AuditEntry } from '../audit/local-audit';

export function registryHandlers(
  client: () => RegistryClient,
  session: SessionManager,
  audit: (entry: AuditEntry) => void,
): Pick<Handlers, 'registry:search' | 'registry:order' | 'registry:image' | 'registry:conflicts'> {
  return {
    'registry:search': ({ query }) => {
      session.requireOnline();
      return client().search(query);
    },
    'registry:order': async ({ id }) => {
      session.requireOnline();
      const order = await client().getOrder(id);
      audit({ event: 'order_view', outcome: 'success', objectType: 'order', objectId: id });
      return order;
    },
    'registry:image': async ({ orderId, sha256 }) => {
      session.requireOnline();
      const record = await client().getOrder(orderId);
      const image = record.images.find((i) => i.sha256 === sha256);
      const bytes = await client().getImage(orderId, sha256);
      audit({
        event: 'image_view',
        outcome: 'success',
        objectType: 'order',
        objectId: orderId,
        detail: { sha256 },
      });
      return {
        fileName: image?.fileName ?? `${sha256.slice(0, 12)}.pdf`,
        base64: bytes.bytes.toString('base64'),
      };
    },
    'registry:conflicts': async (request) => {
      session.requireOnline();
      return { conflicts: await client().conflicts(request) };
    },
  };
}
