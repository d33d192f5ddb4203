/**
 * The CARPOS form, in the order of the paper (DV-110 and its siblings): case and form, protected
 * persons, the restrained person and their description, hearing, dates of the order, conditions,
 * firearms, then the record flags. The DOM order is the tab order.
 */
import { Button, Fieldset, Group, SimpleGrid, Stack } from '@mantine/core';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { CONDITION, EYES, FIREARMS_KNOWN, HAIR, RACE, RELATIONSHIP, SEX } from '../../../shared/codes';
import { FORM_CATALOGUE } from '../../../shared/forms';
import { AreaField, ChoiceField, CodeField, CodesField, FlagField, TextField } from './fields';
import { emptyProtected, type OrderFormValues } from './form-model';

const ORDER_FORMS = FORM_CATALOGUE.filter((f) => f.kind === 'order').map((f) => ({
  value: f.id,
  label: `${f.id} – ${f.title}`,
}));
const DATE = 'YYYY-MM-DD';
const TIME = 'HH:MM';

function ProtectedPersons() {
  const { control } = useFormContext<OrderFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'protectedPersons' });
  return (
    <Fieldset legend="1. Protected person(s)">
      <Stack gap="sm">
        {fields.map((f, i) => (
          <Fieldset key={f.id} legend={`Protected person ${i + 1}`} variant="unstyled">
            <SimpleGrid cols={4} spacing="xs">
              <TextField name={`protectedPersons.${i}.name.last`} label="Last name" />
              <TextField name={`protectedPersons.${i}.name.first`} label="First name" />
              <TextField name={`protectedPersons.${i}.name.middle`} label="Middle name" />
              <CodeField name={`protectedPersons.${i}.sex`} label="Sex" table={SEX} />
              <TextField name={`protectedPersons.${i}.dob`} label="Date of birth" placeholder={DATE} />
              <TextField name={`protectedPersons.${i}.age`} label="Age" />
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
          <TextField name="caseNumber" label="Court case number" />
          <ChoiceField name="formId" label="Form" data={ORDER_FORMS} />
          <TextField name="formRevision" label="Form revision date" placeholder={DATE} />
          <TextField name="lawEnforcementCaseNumber" label="Law enforcement case number" />
        </SimpleGrid>
      </Fieldset>
      <ProtectedPersons />
      <Fieldset legend="2. Restrained person">
        <SimpleGrid cols={4} spacing="xs">
          <TextField name="restrainedPerson.name.last" label="Last name" />
          <TextField name="restrainedPerson.name.first" label="First name" />
          <TextField name="restrainedPerson.name.middle" label="Middle name" />
          <TextField name="restrainedPerson.name.suffix" label="Suffix" />
          <CodeField name="restrainedPerson.sex" label="Sex" table={SEX} />
          <TextField name="restrainedPerson.dob" label="Date of birth" placeholder={DATE} />
          <TextField name="restrainedPerson.age" label="Age" />
          <CodeField name="restrainedPerson.race" label="Race" table={RACE} />
          <TextField name="restrainedPerson.heightInches" label="Height (inches)" />
          <TextField name="restrainedPerson.weightLbs" label="Weight (lbs)" />
          <CodeField name="restrainedPerson.hair" label="Hair color" table={HAIR} />
          <CodeField name="restrainedPerson.eyes" label="Eye color" table={EYES} />
        </SimpleGrid>
        <Stack gap="xs" mt="xs">
          <TextField name="restrainedPerson.marks" label="Scars, marks and tattoos" />
          <SimpleGrid cols={4} spacing="xs">
            <TextField name="restrainedPerson.address.street" label="Street address" />
            <TextField name="restrainedPerson.address.city" label="City" />
            <TextField name="restrainedPerson.address.state" label="State" maxLength={2} />
            <TextField name="restrainedPerson.address.zip" label="ZIP code" />
          </SimpleGrid>
          <CodeField
            name="restrainedPerson.relationship"
            label="Relationship to the protected person"
            table={RELATIONSHIP}
          />
          <SimpleGrid cols={2} spacing="xs">
            <TextField name="restrainedPerson.employer" label="Employer (CLETS-001)" />
            <TextField name="restrainedPerson.phone" label="Phone (CLETS-001)" />
          </SimpleGrid>
        </Stack>
      </Fieldset>
      <Fieldset legend="3. Hearing">
        <SimpleGrid cols={3} spacing="xs">
          <TextField name="hearing.date" label="Hearing date" placeholder={DATE} />
          <TextField name="hearing.time" label="Hearing time" placeholder={TIME} />
          <TextField name="hearing.department" label="Department" />
          <TextField name="hearing.room" label="Room" />
          <TextField name="hearing.judicialOfficer" label="Judicial officer" />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="4. Dates of the order">
        <SimpleGrid cols={4} spacing="xs">
          <TextField name="issueDate" label="Issue date" placeholder={DATE} />
          <TextField name="issueTime" label="Issue time" placeholder={TIME} />
          <TextField name="expirationDate" label="Expiration date" placeholder={DATE} />
          <TextField name="expirationTime" label="Expiration time" placeholder={TIME} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="5. Orders (conditions)">
        <CodesField table={CONDITION} label="Conditions ordered" />
        <AreaField name="conditions.miscellaneous" label="Other orders (miscellaneous)" />
      </Fieldset>
      <Fieldset legend="6. Firearms">
        <Stack gap="xs">
          <FlagField name="firearms.prohibited" label="Firearms and ammunition prohibited" />
          <Group grow>
            <CodeField
              name="firearms.possessesFirearms"
              label="Has firearms (CLETS-001)"
              table={FIREARMS_KNOWN}
            />
            <TextField name="firearms.relinquishWithinHours" label="Relinquish within (hours)" />
          </Group>
          <AreaField name="firearms.details" label="Firearms details" />
        </Stack>
      </Fieldset>
      <Fieldset legend="Record">
        <Stack gap="xs">
          <FlagField name="bradyIndicator" label="Federal firearms prohibition (Brady) applies" />
          <FlagField name="sealed" label="Sealed order" />
          <TextField
            name="fcn"
            label="DOJ file control number (FCN), for changes to an order already in CARPOS"
            maxLength={13}
          />
        </Stack>
      </Fieldset>
    </Stack>
  );
}
