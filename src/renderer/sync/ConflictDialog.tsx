/**
 * Conflicts: the registry has a newer version of a draft this station also changed. Nothing is
 * overwritten silently: the clerk keeps theirs, takes the registry's, or picks field by field.
 */
import { Alert, Button, Group, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Problem } from '../../shared/errors';
import type { ConflictResolutionDto, SyncConflictDto } from '../../shared/ipc/sync';
import { call, problemOf, useStation } from '../api/context';
import { conflictFieldLabel } from './conflict-labels';
import { getPath, setPath, show } from './conflict-fields';
import { formatWhen } from '../format/wording';

/** Who changed the registry's version and when, in a sentence (the registry may not have said). */
export function changedBySentence(
  conflict: Pick<SyncConflictDto, 'theirsUpdatedBy' | 'theirsUpdatedAt'>,
): string {
  const who = conflict.theirsUpdatedBy;
  const when = conflict.theirsUpdatedAt === null ? null : formatWhen(conflict.theirsUpdatedAt);
  if (who !== null && when !== null)
    return `The registry’s version was changed by ${who.displayName} (${who.username}) ${when}.`;
  if (who !== null) return `The registry’s version was changed by ${who.displayName} (${who.username}).`;
  if (when !== null) return `The registry’s version was changed ${when}; the registry did not say by whom.`;
  return 'The registry did not say who changed its version or when.';
}

function ConflictCard({ conflict, onResolved }: { conflict: SyncConflictDto; onResolved: () => void }) {
  const api = useStation();
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const resolve = async (resolution: ConflictResolutionDto) => {
    try {
      await call(api, 'sync:resolve', { draftId: conflict.draftId, resolution });
      onResolved();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  const merged = () =>
    conflict.differingFields.reduce(
      (order, field) =>
        choice[field] === 'theirs' ? setPath(order, field, getPath(conflict.theirs, field)) : order,
      conflict.mine,
    );
  return (
    <Stack
      gap="xs"
      component="section"
      aria-label={`Conflict on case ${conflict.mine.caseNumber ?? conflict.draftId}`}
    >
      <Text fw={600}>Case {conflict.mine.caseNumber ?? '(no case number)'}</Text>
      <Text size="sm" data-testid="conflict-changed-by">
        {changedBySentence(conflict)} Choose, for each field, which version to keep.
      </Text>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>This station</Table.Th>
            <Table.Th>Registry (version {conflict.theirsVersion})</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conflict.differingFields.map((field) => (
            <Table.Tr key={field}>
              <Table.Td>{conflictFieldLabel(field)}</Table.Td>
              <Table.Td>
                <Radio
                  name={`${conflict.draftId}-${field}`}
                  label={show(getPath(conflict.mine, field))}
                  aria-label={`${conflictFieldLabel(field)}: keep this station’s value, ${show(getPath(conflict.mine, field))}`}
                  checked={choice[field] !== 'theirs'}
                  onChange={() => {
                    setChoice({ ...choice, [field]: 'mine' });
                  }}
                />
              </Table.Td>
              <Table.Td>
                <Radio
                  name={`${conflict.draftId}-${field}`}
                  label={show(getPath(conflict.theirs, field))}
                  aria-label={`${conflictFieldLabel(field)}: take the registry’s value, ${show(getPath(conflict.theirs, field))}`}
                  checked={choice[field] === 'theirs'}
                  onChange={() => {
                    setChoice({ ...choice, [field]: 'theirs' });
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {problem && (
        <Alert color="red" role="alert">
          {problem.message}
        </Alert>
      )}
      <Group>
        <Button variant="default" onClick={() => void resolve({ kind: 'keep-mine' })}>
          Keep mine
        </Button>
        <Button variant="default" onClick={() => void resolve({ kind: 'take-theirs' })}>
          Take the registry’s
        </Button>
        <Button onClick={() => void resolve({ kind: 'merged', order: merged() })}>Use my choices</Button>
      </Group>
    </Stack>
  );
}

export function ConflictDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const api = useStation();
  const [conflicts, setConflicts] = useState<SyncConflictDto[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (opened)
      call(api, 'sync:conflicts', {}).then(setConflicts, () => {
        setConflicts([]);
      });
  }, [api, opened, version]);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Resolve conflicts"
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {conflicts.length === 0 ? (
        <Text>No conflicts are waiting.</Text>
      ) : (
        <Stack gap="xl">
          {conflicts.map((c) => (
            <ConflictCard
              key={c.draftId}
              conflict={c}
              onResolved={() => {
                setVersion((v) => v + 1);
              }}
            />
          ))}
        </Stack>
      )}
    </Modal>
  );
}
