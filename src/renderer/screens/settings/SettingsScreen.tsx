/**
 * Settings of this station, validated by the shared schema, with a live preview of the name the
 * next scanned order would get under the naming template.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { CodedError } from '../../../shared/errors';
import type { ScannerDeviceDto } from '../../../shared/ipc/scan';
import { stationSettingsSchema, type StationSettings } from '../../../shared/ipc/settings';
import { NAMING_TOKENS, parseNamingTemplate } from '../../../shared/naming';
import { ADMIN_ROLES, hasAnyRole } from '../../../shared/ipc/permissions';
import { call, problemOf, useStation } from '../../api/context';
import { useSession } from '../../app/session-context';
import { mark } from '../../test-events';

function templateProblem(template: string): string | null {
  try {
    parseNamingTemplate(template);
    return null;
  } catch (error) {
    return error instanceof CodedError ? error.message : String(error);
  }
}

function NamePreview({ template }: { template: string }) {
  const api = useStation();
  const [answer, setPreview] = useState<{ ok: boolean; text: string }>({ ok: true, text: '' });
  const invalid = templateProblem(template);
  const preview = invalid === null ? answer : { ok: false, text: invalid };
  useEffect(() => {
    if (templateProblem(template) !== null) return;
    const timer = setTimeout(() => {
      call(api, 'settings:preview-name', { template }).then(
        (r) => {
          setPreview({ ok: true, text: r.fileName });
        },
        (e: unknown) => {
          setPreview({ ok: false, text: problemOf(e).message });
        },
      );
    }, 150);
    return () => {
      clearTimeout(timer);
    };
  }, [api, template]);
  return (
    <Text size="sm" data-testid="name-preview" c={preview.ok ? undefined : 'red.9'} aria-live="polite">
      {preview.ok ? `Next file name: ${preview.text}` : preview.text}
    </Text>
  );
}

function SettingsForm({
  initial,
  devices,
  admin,
}: {
  initial: StationSettings;
  devices: ScannerDeviceDto[];
  /** Local or state administrator: may change what binds the station to its court. */
  admin: boolean;
}) {
  const api = useStation();
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<StationSettings>({
    defaultValues: initial,
    resolver: zodResolver(stationSettingsSchema),
    mode: 'onTouched',
  });
  const { register, control, formState } = form;
  const template = useWatch({ control, name: 'namingTemplate' });
  const err = (path: string): string | undefined => {
    let node: unknown = formState.errors;
    for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
    return (node as { message?: string } | undefined)?.message;
  };
  const onSave = form.handleSubmit(async (values) => {
    setError(null);
    try {
      // An operator changes the scanner and its profile only; the rest is the administrator's.
      const patch = admin
        ? values
        : { scannerDeviceId: values.scannerDeviceId, scanProfile: values.scanProfile };
      const next = await call(api, 'settings:update', { patch });
      form.reset(next);
      setSaved(
        initial.registryUrl === next.registryUrl
          ? 'Settings saved.'
          : 'Settings saved. The new registry address is used from the next start of the station.',
      );
      mark('settings:saved');
    } catch (e) {
      setError(problemOf(e).message);
    }
  });
  return (
    <form onSubmit={(e) => void onSave(e)} aria-label="Station settings">
      <Stack>
        <Fieldset legend="Registry and court" disabled={!admin}>
          <Stack gap="xs">
            {!admin && (
              <Text size="sm" c="dimmed" data-testid="settings-admin-only">
                Set by your court&apos;s administrator: this station belongs to this court.
              </Text>
            )}
            <TextInput label="Registry address" {...register('registryUrl')} error={err('registryUrl')} />
            <SimpleGrid cols={3} spacing="xs">
              <TextInput label="Court ORI" {...register('court.ori')} error={err('court.ori')} />
              <TextInput label="County" {...register('court.county')} error={err('court.county')} />
              <TextInput label="Court name" {...register('court.name')} error={err('court.name')} />
            </SimpleGrid>
            <SimpleGrid cols={2} spacing="xs">
              <TextInput label="Station name" {...register('stationName')} error={err('stationName')} />
              <Controller
                control={control}
                name="offlineUnlockHours"
                render={({ field }) => (
                  <NumberInput
                    label="Offline unlock allowed for (hours after an online sign-in; 0 = never)"
                    min={0}
                    max={72}
                    value={field.value}
                    onChange={(v) => {
                      field.onChange(typeof v === 'number' ? v : Number(v));
                    }}
                    error={err('offlineUnlockHours')}
                  />
                )}
              />
              <Controller
                control={control}
                name="lockAfterMinutes"
                render={({ field }) => (
                  <NumberInput
                    label="Lock the screen after (minutes without input; at most 30)"
                    min={1}
                    max={30}
                    value={field.value}
                    onChange={(v) => {
                      field.onChange(typeof v === 'number' ? v : Number(v));
                    }}
                    error={err('lockAfterMinutes')}
                  />
                )}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend="Scanner">
          <SimpleGrid cols={3} spacing="xs">
            <Controller
              control={control}
              name="scannerDeviceId"
              render={({ field }) => (
                <Select
                  label="Scanner"
                  data={devices.map((d) => ({ value: d.id, label: d.label }))}
                  value={field.value}
                  onChange={field.onChange}
                  clearable
                />
              )}
            />
            <Controller
              control={control}
              name="scanProfile.resolutionDpi"
              render={({ field }) => (
                <Select
                  allowDeselect={false}
                  label="Resolution"
                  data={['200', '300', '400', '600'].map((v) => ({ value: v, label: `${v} dpi` }))}
                  value={String(field.value)}
                  onChange={(v) => {
                    field.onChange(Number(v ?? '300'));
                  }}
                />
              )}
            />
            <Controller
              control={control}
              name="scanProfile.output"
              render={({ field }) => (
                <Select
                  allowDeselect={false}
                  label="Image"
                  data={[
                    { value: 'bilevel', label: 'Black and white' },
                    { value: 'gray', label: 'Gray' },
                  ]}
                  value={field.value}
                  onChange={(v) => {
                    field.onChange(v ?? 'bilevel');
                  }}
                />
              )}
            />
            <Controller
              control={control}
              name="scanProfile.separation"
              render={({ field }) => (
                <Select
                  allowDeselect={false}
                  label="Separate orders by"
                  data={[
                    { value: 'cover-sheet', label: 'Cover sheets' },
                    { value: 'patch-t', label: 'Patch T sheets' },
                    { value: 'fixed-count', label: 'Fixed page count' },
                    { value: 'single', label: 'One order per batch' },
                  ]}
                  value={field.value}
                  onChange={(v) => {
                    field.onChange(v ?? 'cover-sheet');
                  }}
                />
              )}
            />
            <Controller
              control={control}
              name="scanProfile.duplex"
              render={({ field }) => (
                <Switch
                  mt="lg"
                  label="Both sides (duplex)"
                  checked={field.value}
                  onChange={(e) => {
                    field.onChange(e.currentTarget.checked);
                  }}
                />
              )}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="File names" disabled={!admin}>
          <Stack gap="xs">
            <TextInput
              label="Naming template"
              description={`Tokens: ${NAMING_TOKENS.map((t) => `{${t}}`).join(' ')}; {date:YYYY-MM-DD}, {seq:4}`}
              {...register('namingTemplate')}
              error={err('namingTemplate')}
            />
            {admin && <NamePreview template={template} />}
          </Stack>
        </Fieldset>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {saved && <Alert color="green">{saved}</Alert>}
        <Group>
          <Button type="submit">Save settings</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SettingsScreen() {
  const api = useStation();
  const { session } = useSession();
  const admin = session?.state === 'signed-in' && hasAnyRole(session.user.roles, ADMIN_ROLES);
  const [settings, setSettings] = useState<StationSettings | null>(null);
  const [devices, setDevices] = useState<ScannerDeviceDto[]>([]);
  useEffect(() => {
    call(api, 'settings:get', {}).then(setSettings, () => undefined);
    call(api, 'scan:devices', {}).then(
      (list) => {
        setDevices([...list.devices]);
      },
      () => undefined,
    );
  }, [api]);
  return (
    <Stack maw={980}>
      <Title order={2}>Settings</Title>
      {settings ? (
        <SettingsForm initial={settings} devices={devices} admin={admin} />
      ) : (
        <Text>Loading the settings…</Text>
      )}
    </Stack>
  );
}
