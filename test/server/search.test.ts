import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SearchResult } from '../../src/shared/api';
import type { ProtectiveOrder } from '../../src/shared/order';
import { systemPrincipal } from '../../src/server/auth/principal';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { activate } from './support/lifecycle';
import { completeOrder } from './support/orders';

describeOnBackends('registry search', (kind) => {
  let h: Harness;
  let clerk: string;
  let supervisor: string;
  let fresno: string;
  const ids: Record<string, string> = {};

  async function activeOrder(key: string, order: ProtectiveOrder): Promise<void> {
    await activate(h, order);
    ids[key] = order.id;
  }

  beforeAll(async () => {
    h = await startHarness(kind);
    const today = h.app.registry.orders.today();
    await activeOrder('smith', completeOrder(today, { last: 'Smith', first: 'Jonathan', dob: '1980-05-17' }));
    await activeOrder(
      'smithers',
      completeOrder(today, { last: 'Smithers', first: 'Wayland', dob: '1975-01-02' }),
    );
    await activeOrder(
      'garcia',
      completeOrder(today, { last: 'García', first: 'María', dob: '1990-03-04', county: 'Fresno' }),
    );
    await activeOrder(
      'nguyen',
      completeOrder(today, { last: 'Nguyen', first: 'Minh', dob: '1985-12-12', daysAgo: 200 }),
    );
    await activeOrder(
      'sealed',
      completeOrder(today, { last: 'Quillfeather', first: 'Ada', dob: '1970-07-07', sealed: true }),
    );
    const withAlias = completeOrder(today, { last: 'Okonkwo', first: 'Chidi', dob: '1988-08-08' });
    withAlias.restrainedPerson.aliases = [{ last: 'Oakes', first: 'Charles' }];
    await activeOrder('alias', withAlias);
    // A draft of the Alameda court: never in another organisation's results.
    const draft = completeOrder(today, { last: 'Smith', first: 'Draftina' });
    await h.app.registry.orders.create(
      { principal: systemPrincipal('test'), idempotencyKey: null, requestId: 't' },
      { order: draft },
    );
    ids.draft = draft.id;
    clerk = (await h.signIn('alameda.clerk')).accessToken;
    supervisor = (await h.signIn('alameda.supervisor')).accessToken;
    fresno = (await h.signIn('fresno.clerk')).accessToken;
  });
  afterAll(async () => {
    await h.close();
  });

  const search = async (query: string, token = clerk) => {
    const res = await h.call<SearchResult>('GET', `/api/v1/search?${query}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const found = (r: SearchResult) => r.hits.map((hit) => hit.orderId);

  it('finds exact and prefix matches, exact first', async () => {
    const exact = await search('lastName=Smith&match=exact&scope=statewide', fresno);
    expect(found(exact)).toEqual([ids.smith]);
    // The Alameda clerk also sees the Alameda court's own draft.
    expect(found(await search('lastName=Smith&match=exact&scope=statewide')).sort()).toEqual(
      [ids.smith, ids.draft].sort(),
    );
    const prefix = await search('lastName=Smi&match=prefix&scope=statewide', fresno);
    expect(found(prefix).sort()).toEqual([ids.smith, ids.smithers].sort());
    const smart = await search('lastName=Smith&firstName=Jonathan&scope=statewide');
    expect(smart.hits[0]?.orderId).toBe(ids.smith);
    expect(smart.hits[0]?.score).toBe(1.5);
  });

  it('finds a misspelled name by trigram similarity and by sound', async () => {
    expect(found(await search('lastName=Smiht&match=fuzzy&scope=statewide'))).toContain(ids.smith);
    expect(found(await search('lastName=Smyth&match=phonetic&scope=statewide'))).toContain(ids.smith);
    expect(found(await search('lastName=Nuguyen&scope=statewide'))).toEqual([ids.nguyen]);
    // Accents and case do not matter.
    expect(found(await search('lastName=GARCIA&firstName=maria&match=exact&scope=statewide'))).toEqual([
      ids.garcia,
    ]);
  });

  it('searches aliases with the restrained person and protected persons on request', async () => {
    const alias = await search('lastName=Oakes&scope=statewide');
    expect(found(alias)).toEqual([ids.alias]);
    expect(alias.hits[0]?.matchedOn).toBe('alias');
    const protectedOnly = await search('lastName=Oakes&person=protected&scope=statewide');
    expect(found(protectedOnly)).not.toContain(ids.alias);
  });

  it('filters by DOB, case number, FCN-less status, order type and dates', async () => {
    expect(found(await search('lastName=Smith&dob=1980-05-17&scope=statewide'))).toEqual([ids.smith]);
    expect(found(await search('dob=1980-05-17&scope=statewide'))).toEqual([ids.smith]);
    const row = await h.database.db.query<{ case_number: string }>(
      'SELECT case_number FROM orders WHERE id = $1',
      [ids.nguyen],
    );
    const caseNumber = row.rows[0]!.case_number;
    expect(
      found(
        await search(
          `caseNumber=${encodeURIComponent(caseNumber.toLowerCase().replace(/-/g, ' '))}&scope=statewide`,
        ),
      ),
    ).toEqual([ids.nguyen]);
    expect(found(await search('status=draft&scope=statewide', fresno))).toEqual([]);
    expect(found(await search('status=draft&scope=statewide'))).toEqual([ids.draft]);
    const oah = await search('orderType=OAH&status=active&status=modified&scope=statewide&pageSize=100');
    expect(oah.total).toBe(5);
    const issue = await h.database.db.query<{ issue_date: string }>(
      'SELECT issue_date FROM orders WHERE id = $1',
      [ids.nguyen],
    );
    const old = await search(`issuedTo=${issue.rows[0]!.issue_date}&scope=statewide`);
    expect(found(old)).toEqual([ids.nguyen]);
  });

  it('limits to the county unless asked for statewide', async () => {
    expect(found(await search('lastName=Garcia'))).toEqual([]);
    expect(found(await search('lastName=Garcia&scope=statewide'))).toEqual([ids.garcia]);
    expect(found(await search('lastName=Garcia&county=Fresno'))).toEqual([ids.garcia]);
  });

  it('pages and sorts', async () => {
    const page1 = await search('scope=statewide&sort=caseNumber&dir=asc&pageSize=2&page=1');
    const page2 = await search('scope=statewide&sort=caseNumber&dir=asc&pageSize=2&page=2');
    expect(page1.total).toBe(page2.total);
    expect(page1.hits).toHaveLength(2);
    const numbers = [...page1.hits, ...page2.hits].map((x) => x.caseNumber ?? '');
    expect([...numbers].sort()).toEqual(numbers);
    expect(new Set([...found(page1), ...found(page2)]).size).toBe(4);
  });

  it('applies the sealed and draft rules in SQL: the count excludes what the caller may not see', async () => {
    const asClerk = await search('scope=statewide&pageSize=100');
    expect(found(asClerk)).not.toContain(ids.sealed);
    expect(found(asClerk)).toContain(ids.draft); // the clerk's own court's draft
    const asSupervisor = await search('scope=statewide&pageSize=100', supervisor);
    expect(found(asSupervisor)).toContain(ids.sealed);
    expect(asSupervisor.total).toBe(asClerk.total + 1);
    const asFresno = await search('lastName=Smith&scope=statewide', fresno);
    expect(found(asFresno)).not.toContain(ids.draft);
    expect(found(await search('lastName=Quillfeather&scope=statewide'))).toEqual([]);
  });

  it('finds other live orders against the same restrained person, misspelled or not', async () => {
    const res = await h.call<{ conflicts: { orderId: string }[] }>('POST', '/api/v1/conflicts', {
      token: fresno,
      body: { name: { last: 'Smithh', first: 'Jonathan' }, dob: '1980-05-17' },
    });
    expect(res.status).toBe(200);
    expect(res.body.conflicts.map((c) => c.orderId)).toEqual([ids.smith]);
    const excluded = await h.call<{ conflicts: unknown[] }>('POST', '/api/v1/conflicts', {
      token: fresno,
      body: { name: { last: 'Smith', first: 'Jonathan' }, dob: '1980-05-17', excludeOrderId: ids.smith },
    });
    expect(excluded.body.conflicts).toEqual([]);
    const otherDob = await h.call<{ conflicts: unknown[] }>('POST', '/api/v1/conflicts', {
      token: fresno,
      body: { name: { last: 'Smith', first: 'Jonathan' }, dob: '1981-05-17' },
    });
    expect(otherDob.body.conflicts).toEqual([]);
  });

  it('audits every search with its criteria', async () => {
    const marker = `Zzyzx${randomUUID().slice(0, 4).replace(/[0-9]/g, 'q')}`;
    await search(`lastName=${marker}&scope=statewide`);
    const audit = await h.database.db.query<{ details: { criteria: { lastName: string }; total: number } }>(
      "SELECT details FROM audit_log WHERE event_type = 'search' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0]?.details.criteria.lastName).toBe(marker);
    expect(audit.rows[0]?.details.total).toBe(0);
  });
});
