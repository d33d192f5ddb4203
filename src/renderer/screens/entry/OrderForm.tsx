/**
 * The CARPOS form, in the order of the paper (DV-110 and its siblings): case and form, protected
 * persons, the restrained person and their description, hearing, dates of the order, conditions,
 * firearms, then the record flags. The DOM order is the tab order. Labels come from
 * `shared/order/field-labels.ts`, so a message names a field exactly as it is labelled here.
 */
import { Button, Fieldset, Group, SimpleGrid, Stack } from '@mantine/core';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { CONDITION, EYES, FIREARMS_KNOWN, HAIR, RACE, RELATIONSHIP, SEX } from '../../../shared/codes';
import { FORM_CATALOGUE } from '../../../shared/forms';
import { AreaField, ChoiceField, CodeField, CodesField, DateField, FlagField, TextField } from './fields';
import { emptyProtected, type OrderFormValues } from './form-model';

const ORDER_FORMS = FORM_CATALOGUE.filter((f) => f.kind === 'order').map((f) => ({
  value: f.id,
  label: `${f.id} – ${f.title}`,
}));
const TIME = 'HH:MM';
/** Narrow enough for four fields a row beside the document at 1280 px, wide enough for "BRO – Brown". */
const FIELD_MIN_WIDTH = '10.5rem';

function ProtectedPersons() {
  const { control } = useFormContext<OrderFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'protectedPersons' });
  return (
    <Fieldset legend="1. Protected person(s)">
      <Stack gap="sm">
        {fields.map((f, i) => (
          <Fieldset key={f.id} legend={`Protected person ${i + 1}`} variant="unstyled">
            <SimpleGrid minColWidth={FIELD_MIN_WIDTH} spacing="xs">
              <TextField name={`protectedPersons.${i}.name.last`} />
              <TextField name={`protectedPersons.${i}.name.first`} />
              <TextField name={`protectedPersons.${i}.name.middle`} />
              <CodeField name={`protectedPersons.${i}.sex`} table={SEX} />
              <DateField name={`protectedPersons.${i}.dob`} birth />
              <TextField name={`protectedPersons.${i}.age`} />
            </SimpleGrid>
            <Button
              variant="subtle"
              color="red"
              size="xs"
              mt={4}
              onClick={() => {
                remove(i);
              }}
            >
              Remove protected person {i + 1}
            </Button>
          </Fieldset>
        ))}
        <Button
          variant="default"
          size="xs"
          onClick={() => {
            append(emptyProtected());
          }}
          w="fit-content"
        >
          Add a protected person
        </Button>
      </Stack>
    </Fieldset>
  );
}

export function OrderForm() {
  return (
    <Stack gap="md">
      <Fieldset legend="Case and form">
        <SimpleGrid cols={2} spacing="xs">
          <TextField name="caseNumber" />
          <ChoiceField name="formId" data={ORDER_FORMS} />
          <DateField name="formRevision" />
          <TextField name="lawEnforcementCaseNumber" />
        </SimpleGrid>
      </Fieldset>
      <ProtectedPersons />
      <Fieldset legend="2. Restrained person">
        <SimpleGrid minColWidth={FIELD_MIN_WIDTH} spacing="xs">
          <TextField name="restrainedPerson.name.last" />
          <TextField name="restrainedPerson.name.first" />
          <TextField name="restrainedPerson.name.middle" />
          <TextField name="restrainedPerson.name.suffix" />
          <CodeField name="restrainedPerson.sex" table={SEX} />
          <DateField name="restrainedPerson.dob" birth />
          <TextField name="restrainedPerson.age" />
          <CodeField name="restrainedPerson.race" table={RACE} />
          <TextField name="restrainedPerson.heightInches" />
          <TextField name="restrainedPerson.weightLbs" />
          <CodeField name="restrainedPerson.hair" table={HAIR} />
          <CodeField name="restrainedPerson.eyes" table={EYES} />
        </SimpleGrid>
        <Stack gap="xs" mt="xs">
          <TextField name="restrainedPerson.marks" />
          <SimpleGrid minColWidth={FIELD_MIN_WIDTH} spacing="xs">
            <TextField name="restrainedPerson.address.street" />
            <TextField name="restrainedPerson.address.city" />
            <TextField name="restrainedPerson.address.state" maxLength={2} />
            <TextField name="restrainedPerson.address.zip" />
          </SimpleGrid>
          <CodeField name="restrainedPerson.relationship" table={RELATIONSHIP} />
          <SimpleGrid cols={2} spacing="xs">
            <TextField name="restrainedPerson.employer" />
            <TextField name="restrainedPerson.phone" />
          </SimpleGrid>
        </Stack>
      </Fieldset>
      <Fieldset legend="3. Hearing">
        <SimpleGrid cols={3} spacing="xs">
          <DateField name="hearing.date" />
          <TextField name="hearing.time" placeholder={TIME} />
          <TextField name="hearing.department" />
          <TextField name="hearing.room" />
          <TextField name="hearing.judicialOfficer" />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="4. Dates of the order">
        <SimpleGrid minColWidth={FIELD_MIN_WIDTH} spacing="xs">
          <DateField name="issueDate" />
          <TextField name="issueTime" placeholder={TIME} />
          <DateField name="expirationDate" />
          <TextField name="expirationTime" placeholder={TIME} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="5. Orders (conditions)">
        <CodesField table={CONDITION} label="Conditions ordered" />
        <AreaField name="conditions.miscellaneous" />
      </Fieldset>
      <Fieldset legend="6. Firearms">
        <Stack gap="xs">
          <FlagField name="firearms.prohibited" />
          <Group grow>
            <CodeField name="firearms.possessesFirearms" table={FIREARMS_KNOWN} />
            <TextField name="firearms.relinquishWithinHours" />
          </Group>
          <AreaField name="firearms.details" />
        </Stack>
      </Fieldset>
      <Fieldset legend="Record">
        <Stack gap="xs">
          <FlagField name="bradyIndicator" />
          <FlagField name="sealed" />
          <TextField name="fcn" maxLength={13} />
        </Stack>
      </Fieldset>
    </Stack>
  );
}
