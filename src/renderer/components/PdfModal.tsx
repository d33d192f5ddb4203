/** A PDF in a dialog, with "Save PDF" and "Print" (prints the pages as shown). */
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { PdfViewer } from '../pdf/PdfViewer';

export function PdfModal({
  pdf,
  title,
  onClose,
}: {
  pdf: { bytes: Uint8Array; fileName: string } | null;
  title: string;
  onClose: () => void;
}) {
  const url = useMemo(
    () => (pdf ? URL.createObjectURL(new Blob([pdf.bytes.slice()], { type: 'application/pdf' })) : null),
    [pdf],
  );
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return (
    <Modal
      opened={pdf !== null}
      onClose={onClose}
      title={title}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {pdf && url && (
        <Stack h={700}>
          <Group>
            <Button component="a" href={url} download={pdf.fileName}>
              Save PDF
            </Button>
            <Button
              variant="default"
              onClick={() => {
                window.print();
              }}
            >
              Print
            </Button>
          </Group>
          <PdfViewer bytes={pdf.bytes} title={pdf.fileName} />
        </Stack>
      )}
    </Modal>
  );
}
