import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CarposUnavailableError, type CarposRequest } from '../../../src/server/carpos/gateway';
import { isWellFormedFcn, simulatorFcn } from '../../../src/server/carpos/simulator/fcn';
import { CarposSimulator } from '../../../src/server/carpos/simulator/simulator';
import { todayIn } from '../../../src/server/orders/clock';
import { completeOrder } from '../support/orders';

const today = todayIn('America/Los_Angeles', new Date());

function enter(order = completeOrder(today), transactionId = `${order.id}.v3`): CarposRequest {
  return { transactionId, kind: 'enter', senderOri: order.court.ori, order };
}

describe('DOJ simulator', () => {
  it('issues well-formed, distinct 13-digit FCNs, the same for the same order', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i += 1) {
      const id = randomUUID();
      const fcn = simulatorFcn(id);
      expect(fcn).toMatch(/^[1-9]\d{12}$/);
      expect(isWellFormedFcn(fcn)).toBe(true);
      expect(simulatorFcn(id)).toBe(fcn);
      seen.add(fcn);
    }
    expect(seen.size).toBe(5000);
    // One changed digit breaks the Luhn check.
    const fcn = simulatorFcn(randomUUID());
    const wrong = `${fcn.slice(0, 5)}${(Number(fcn[5]) + 1) % 10}${fcn.slice(6)}`;
    expect(isWellFormedFcn(wrong)).toBe(false);
  });

  it('accepts a complete entry with an FCN and answers a repeated transaction id with the first answer', async () => {
    const sim = new CarposSimulator();
    const request = enter();
    const first = await sim.send(request);
    expect(first).toMatchObject({ outcome: 'accepted' });
    expect(first.outcome === 'accepted' && isWellFormedFcn(first.fcn)).toBe(true);
    expect(await sim.send(request)).toEqual(first);
    expect(sim.received).toHaveLength(2);
  });

  it('rejects a DOJ-known restrained person sent with another date of birth, and accepts the right one', async () => {
    const sim = new CarposSimulator();
    const wrong = completeOrder(today, { last: 'DojTest-Person', first: 'Alex', dob: '1985-05-05' });
    const answer = await sim.send(enter(wrong));
    expect(answer.outcome).toBe('rejected');
    expect(answer.outcome === 'rejected' && answer.reasons).toEqual([
      expect.objectContaining({ code: 'IDENTITY_MISMATCH', field: 'restrainedPerson.dob' }),
    ]);
    const right = completeOrder(today, { last: 'DOJTESTPERSON', first: 'ALEX', dob: '1980-01-01' });
    expect((await sim.send(enter(right))).outcome).toBe('accepted');
  });

  it('rejects what the pre-flight only warns about (no eye colour) and a non-California sender', async () => {
    const sim = new CarposSimulator();
    const order = completeOrder(today);
    const noEyes = { ...order, restrainedPerson: { ...order.restrainedPerson, eyes: undefined } };
    delete noEyes.restrainedPerson.eyes;
    const answer = await sim.send({ ...enter(noEyes), senderOri: 'NV0000000' });
    expect(answer.outcome === 'rejected' && answer.reasons.map((r) => r.code)).toEqual([
      'ORI_NOT_AUTHORIZED',
      'EYES_REQUIRED',
    ]);
  });

  it('re-runs the shared CARPOS pre-flight and checks the FCN of a modify, service or cancel', async () => {
    const sim = new CarposSimulator();
    const order = completeOrder(today);
    const cancelNoFcn = await sim.send({ ...enter(order, 'c1'), kind: 'cancel' });
    expect(cancelNoFcn.outcome === 'rejected' && cancelNoFcn.reasons[0]).toMatchObject({
      code: 'PREFLIGHT_FCN_REQUIRED',
      field: 'fcn',
    });
    const unknown = await sim.send({ ...enter({ ...order, fcn: '1234567890123' }, 'c2'), kind: 'cancel' });
    expect(unknown.outcome === 'rejected' && unknown.reasons.map((r) => r.code)).toEqual(['FCN_NOT_ON_FILE']);
    const fcn = simulatorFcn(order.id);
    expect(await sim.send({ ...enter({ ...order, fcn }, 'c3'), kind: 'cancel' })).toMatchObject({
      outcome: 'accepted',
      fcn,
    });
  });

  it('fails as "DOJ unavailable" when configured to, then answers', async () => {
    const sim = new CarposSimulator({ failFirst: 2 });
    const request = enter();
    await expect(sim.send(request)).rejects.toBeInstanceOf(CarposUnavailableError);
    await expect(sim.send(request)).rejects.toBeInstanceOf(CarposUnavailableError);
    expect((await sim.send(request)).outcome).toBe('accepted');

    const down = new CarposSimulator({ unavailable: true });
    await expect(down.send(request)).rejects.toThrow(/unavailable/);
    down.setAvailable(true);
    expect((await down.send(request)).outcome).toBe('accepted');
  });

  it('waits its latency and gives up when the caller aborts', async () => {
    const sim = new CarposSimulator({ latencyMs: 5_000 });
    const controller = new AbortController();
    const pending = sim.send({ ...enter(), signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CarposUnavailableError);
    expect(sim.received).toHaveLength(0);
  });
});
