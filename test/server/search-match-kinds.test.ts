/**
 * Search results say how each name matched (exact, similar spelling, sounds like) and rank by that
 * before the score: a sound-alike never comes above a name spelt as typed or nearly so.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SearchHit, SearchResult } from '../../src/shared/api';
import type { ProtectiveOrder } from '../../src/shared/order';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { activate } from './support/lifecycle';
import { completeOrder } from './support/orders';

const DOB = '1982-07-10';

describeOnBackends('registry search: how each result matched', (kind) => {
  let h: Harness;
  let clerk: string;
  const ids: Record<string, string> = {};

  async function activeOrder(key: string, order: ProtectiveOrder): Promise<void> {
    await activate(h, order);
    ids[key] = order.id;
  }

  beforeAll(async () => {
    h = await startHarness(kind);
    const today = h.app.registry.orders.today();
    const person = (last: string) => completeOrder(today, { last, first: 'Maria', dob: DOB });
    await activeOrder('garcia', person('Garcia'));
    // One letter off GARCIA.
    await activeOrder('garsia', person('Garsia'));
    // GARCIA begins it.
    await activeOrder('garcias', person('Garcias'));
    // Shares enough letter triples with GARCIA (similarity 0.31) but sounds different (KRMN).
    await activeOrder('garmendia', person('Garmendia'));
    // Sound alike GARCIA (Double Metaphone KRS) with little spelling in common; its score (0.43)
    // is above GARMENDIA's (0.31), so ranking by score alone put it first.
    await activeOrder('kharsia', person('Kharsia'));
    await activeOrder('cruz', person('Cruz'));
    const withAlias = completeOrder(today, { last: 'Okonkwo', first: 'Chidi', dob: '1988-08-08' });
    withAlias.restrainedPerson.aliases = [{ last: 'Oakes', first: 'Charles' }];
    await activeOrder('alias', withAlias);
    clerk = (await h.signIn('alameda.clerk')).accessToken;
  });
  afterAll(async () => {
    await h.close();
  });

  const search = async (query: string): Promise<SearchResult> => {
    const res = await h.call<SearchResult>('GET', `/api/v1/search?${query}&scope=statewide`, {
      token: clerk,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const keyOf = (hit: SearchHit) => Object.keys(ids).find((k) => ids[k] === hit.orderId) ?? hit.orderId;
  const kinds = (r: SearchResult) => Object.fromEntries(r.hits.map((hit) => [keyOf(hit), hit.match]));
  const order = (r: SearchResult) => r.hits.map(keyOf);

  it('says which results are exact, similar spellings and sound-alikes', async () => {
    const result = await search('lastName=Garcia');
    expect(kinds(result)).toEqual({
      garcia: 'exact',
      garsia: 'similar',
      garcias: 'similar',
      garmendia: 'similar',
      kharsia: 'sounds_like',
      cruz: 'sounds_like',
    });
  });

  it('tells the issue’s example apart: Garsia is exact for itself, Garcia similar, Cruz only sounds like it', async () => {
    const result = await search('lastName=Garsia');
    expect(kinds(result)).toMatchObject({ garsia: 'exact', garcia: 'similar', cruz: 'sounds_like' });
    expect(order(result)[0]).toBe('garsia');
  });

  it('sorts exact, then similar spellings, then sound-alikes, then by score within each', async () => {
    const result = await search('lastName=Garcia');
    const rank = { exact: 0, similar: 1, sounds_like: 2 } as const;
    const ranks = result.hits.map((hit) => rank[hit.match ?? 'sounds_like']);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(order(result)[0]).toBe('garcia');
    const at = (key: string) => order(result).indexOf(key);
    const scoreOf = (key: string) => result.hits[at(key)]?.score ?? 0;
    // The sound-alike scores higher than the similar spelling and still comes after it.
    expect(scoreOf('kharsia')).toBeGreaterThan(scoreOf('garmendia'));
    expect(at('garmendia')).toBeLessThan(at('kharsia'));
    // Within a kind the score decides: one letter off before shared letter triples.
    expect(at('garsia')).toBeLessThan(at('garmendia'));
  });

  it('classifies the same way when a date of birth narrows the search', async () => {
    const result = await search(`lastName=Garsia&dob=${DOB}`);
    expect(kinds(result)).toMatchObject({ garsia: 'exact', garcia: 'similar', cruz: 'sounds_like' });
    expect(order(result)[0]).toBe('garsia');
  });

  it('counts the first name too: the worse of the two names decides', async () => {
    expect(kinds(await search('lastName=Garcia&firstName=Maria'))).toMatchObject({
      garcia: 'exact',
      garsia: 'similar',
      cruz: 'sounds_like',
    });
    // The last name as typed, the first name misspelt: a similar spelling, not an exact match.
    expect(kinds(await search('lastName=Garcia&firstName=Mariah')).garcia).toBe('similar');
    // The typed first name only begins the one found.
    expect(kinds(await search('lastName=Garcia&firstName=Mar')).garcia).toBe('similar');
  });

  it('names the alias that matched, and leaves the kind out of searches without a name', async () => {
    const alias = await search('lastName=Oakes');
    expect(alias.hits.map((hit) => [keyOf(hit), hit.match, hit.matchedOn, hit.matchedName])).toEqual([
      ['alias', 'exact', 'alias', 'OAKES, CHARLES'],
    ]);
    const byDob = await search(`dob=${DOB}`);
    expect(byDob.hits.length).toBeGreaterThan(0);
    expect(byDob.hits.every((hit) => hit.match === null && hit.matchedName === null)).toBe(true);
  });

  it('says how each conflicting order matched', async () => {
    const res = await h.call<{ conflicts: SearchHit[] }>('POST', '/api/v1/conflicts', {
      token: clerk,
      body: { name: { last: 'Garsia', first: 'Maria' }, dob: DOB },
    });
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.body.conflicts.map((c) => [keyOf(c), c.match]))).toMatchObject({
      garsia: 'exact',
      garcia: 'similar',
      cruz: 'sounds_like',
    });
  });
});
