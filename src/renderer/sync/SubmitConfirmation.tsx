/** The confirmation after an order is submitted: where it is now and what DOJ (CARPOS) does next. */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import type { DraftDto } from '../../shared/ipc/drafts';
import { useSession } from '../app/session-context';
import { mark } from '../test-events';
import { submitNextSteps } from './submit-next-steps';

export function SubmitConfirmation({
  submitted,
  onClose,
}: {
  /** The draft as the submission left it, or null when nothing was just submitted. */
  submitted: DraftDto | null;
  onClose: () => void;
}) {
  const { sync, session } = useSession();
  useEffect(() => {
    if (submitted) mark('order:submitted');
  }, [submitted]);
  if (!submitted) return null;
  const steps = submitNextSteps(submitted.status, sync, session);
  return (
    <Modal opened onClose={onClose} title={steps.title} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack data-testid="submit-confirmation">
        <Text>
          Case {submitted.order.caseNumber ?? '(no case number)'} was submitted. {steps.delivery}
        </Text>
        <Text>{steps.next}</Text>
        <Group>
          <Button onClick={onClose} data-autofocus>
            OK
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
