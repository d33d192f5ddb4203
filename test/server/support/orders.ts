/** Order fixtures for registry tests: complete fictional orders for the demo courts. */
import { randomUUID } from 'node:crypto';
import type { ProtectiveOrder } from '../../../src/shared/order';
import { addDays } from '../../../src/shared/util/dates';
import { DEMO_ORGS } from '../../../src/server/seed/directory';
import { makeOrder } from '../../../src/server/seed/order-factory';
import { Prng } from '../../../src/server/seed/prng';

let seed = 1;

export function courtOf(county: string): ProtectiveOrder['court'] {
  const org = DEMO_ORGS.find((o) => o.county === county && o.kind === 'superior_court');
  if (!org) throw new Error(`no demo court in ${county}`);
  return { ori: org.ori, county: org.county, name: org.name };
}

/** A DV-130 (3 years) issued `daysAgo` days before `today`, complete for a CARPOS entry. */
export function completeOrder(
  today: string,
  options: {
    county?: string;
    sealed?: boolean;
    last?: string;
    first?: string;
    dob?: string;
    daysAgo?: number;
  } = {},
): ProtectiveOrder {
  const order = makeOrder(new Prng(seed++), {
    id: randomUUID(),
    court: courtOf(options.county ?? 'Alameda'),
    formId: 'DV-130',
    issueDate: addDays(today, -(options.daysAgo ?? 3)),
    sealed: options.sealed ?? false,
    casePrefix: 'T-',
  });
  const name = { ...order.restrainedPerson.name };
  if (options.last !== undefined) name.last = options.last;
  if (options.first !== undefined) name.first = options.first;
  return {
    ...order,
    restrainedPerson: {
      ...order.restrainedPerson,
      name,
      aliases: [],
      ...(options.dob === undefined ? {} : { dob: options.dob }),
    },
  };
}

/** Only the intake basics (workflow b): case, form, issue date, restrained person's name. */
export function intakeOnly(today: string, county = 'Alameda'): ProtectiveOrder {
  const full = completeOrder(today, { county });
  return {
    id: full.id,
    court: full.court,
    caseNumber: full.caseNumber,
    formId: full.formId,
    issueDate: full.issueDate,
    conditions: { codes: [] },
    firearms: { prohibited: false },
    bradyIndicator: false,
    sealed: false,
    restrainedPerson: { name: full.restrainedPerson.name, aliases: [] },
    protectedPersons: [],
  };
}
