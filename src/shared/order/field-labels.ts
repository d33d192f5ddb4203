/**
 * The order entry form's labels, keyed by the order's dotted field paths, written once so the form,
 * its messages and any other screen that names a field (a conflict, a refusal) say what the clerk
 * reads on the form — never `restrainedPerson.heightInches`.
 *
 * A protected person's fields are keyed with `N` for the person's index (`protectedPersons.N.dob`).
 */
export const FORM_FIELD_LABELS: Readonly<Record<string, string>> = {
  caseNumber: 'Court case number',
  formId: 'Form',
  formRevision: 'Form revision date',
  lawEnforcementCaseNumber: 'Law enforcement case number',
  'protectedPersons.N.name.last': 'Last name',
  'protectedPersons.N.name.first': 'First name',
  'protectedPersons.N.name.middle': 'Middle name',
  'protectedPersons.N.name.suffix': 'Suffix',
  'protectedPersons.N.sex': 'Sex',
  'protectedPersons.N.dob': 'Date of birth',
  'protectedPersons.N.age': 'Age',
  'restrainedPerson.name.last': 'Last name',
  'restrainedPerson.name.first': 'First name',
  'restrainedPerson.name.middle': 'Middle name',
  'restrainedPerson.name.suffix': 'Suffix',
  'restrainedPerson.sex': 'Sex',
  'restrainedPerson.dob': 'Date of birth',
  'restrainedPerson.age': 'Age',
  'restrainedPerson.race': 'Race',
  'restrainedPerson.heightInches': 'Height (inches)',
  'restrainedPerson.weightLbs': 'Weight (lbs)',
  'restrainedPerson.hair': 'Hair color',
  'restrainedPerson.eyes': 'Eye color',
  'restrainedPerson.marks': 'Scars, marks and tattoos',
  'restrainedPerson.address.street': 'Street address',
  'restrainedPerson.address.city': 'City',
  'restrainedPerson.address.state': 'State',
  'restrainedPerson.address.zip': 'ZIP code',
  'restrainedPerson.relationship': 'Relationship to the protected person',
  'restrainedPerson.employer': 'Employer (CLETS-001)',
  'restrainedPerson.phone': 'Phone (CLETS-001)',
  'hearing.date': 'Hearing date',
  'hearing.time': 'Hearing time',
  'hearing.department': 'Department',
  'hearing.room': 'Room',
  'hearing.judicialOfficer': 'Judicial officer',
  issueDate: 'Issue date',
  issueTime: 'Issue time',
  expirationDate: 'Expiration date',
  expirationTime: 'Expiration time',
  'conditions.codes': 'Conditions ordered',
  'conditions.miscellaneous': 'Other orders (miscellaneous)',
  'firearms.prohibited': 'Firearms and ammunition prohibited',
  'firearms.possessesFirearms': 'Has firearms (CLETS-001)',
  'firearms.relinquishWithinHours': 'Relinquish within (hours)',
  'firearms.details': 'Firearms details',
  bradyIndicator: 'Federal firearms prohibition (Brady) applies',
  sealed: 'Sealed order',
  fcn: 'DOJ file control number (FCN), for changes to an order already in CARPOS',
};

/** The path with a protected person's index replaced by `N`, the key of the label table. */
function labelKey(path: string): string {
  return path.replace(/^protectedPersons\.\d+\./, 'protectedPersons.N.');
}

/** Whether the path names one field of the entry form. */
export function isFormField(path: string): boolean {
  return labelKey(path) in FORM_FIELD_LABELS;
}

/** The label the form shows beside the field, or undefined for a path the form does not show. */
export function formLabelOf(path: string): string | undefined {
  return FORM_FIELD_LABELS[labelKey(path)];
}

/**
 * The field's name for a message read away from the field (a list of problems, a conflict): the
 * form's label, with whose it is where the same label appears for several people.
 */
export function fieldNameOf(path: string): string {
  const label = formLabelOf(path) ?? 'This field';
  if (path.startsWith('restrainedPerson.') && /^(name\.|sex$|dob$|age$)/.test(path.slice(17)))
    return `${label} (restrained person)`;
  const protectedIndex = /^protectedPersons\.(\d+)\./.exec(path)?.[1];
  if (protectedIndex !== undefined) return `${label} (protected person ${Number(protectedIndex) + 1})`;
  return label;
}
