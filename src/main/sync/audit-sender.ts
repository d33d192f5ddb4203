/**
 * Sends the station's audit events to the registry's audit log, each under its own user's session:
 * the events of the user signed in online go now; another user's wait for that user (the registry
 * records them under the token's user, so they could not go under someone else's anyway). Run after
 * each pull. A failure is logged and left for the next round: the events stay in the encrypted store.
 */
import type { LocalAudit } from '../audit/local-audit';
import { errorFields, type StationLog } from '../log/station-log';
import type { RegistryClient } from '../registry-client';

const BATCH = 200;

export class AuditSender {
  constructor(
    private readonly audit: LocalAudit,
    private readonly client: RegistryClient,
    private readonly station: () => string,
    private readonly log: StationLog | undefined,
  ) {}

  /** Sends what the signed-in user has waiting; returns how many events went. */
  async send(signal?: AbortSignal): Promise<number> {
    const username = this.client.session.current()?.user.username;
    if (username === undefined) return 0;
    let sent = 0;
    try {
      for (;;) {
        const events = this.audit.unsent(username, BATCH);
        if (events.length === 0) return sent;
        await this.client.sendStationAudit(
          {
            station: this.station(),
            events: events.map((e) => ({
              id: e.id,
              at: e.at,
              event: e.event,
              objectType: e.objectType,
              objectId: e.objectId,
              outcome: e.outcome,
              detail: e.detail === null ? null : { ...e.detail },
            })),
          },
          signal,
        );
        this.audit.markSent(events.map((e) => e.id));
        sent += events.length;
      }
    } catch (error) {
      this.log?.warn({ sent, ...errorFields(error) }, 'station audit events not sent yet');
      return sent;
    }
  }
}
