/** A PDF in a dialog, with "Save PDF" and "Print" (prints the PDF itself, in a frame of its own: see print-pdf.ts). */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { PdfViewer } from '../pdf/PdfViewer';
import { printPdf, releasePrintFrame } from '../pdf/print-pdf';

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
  const [printProblem, setPrintProblem] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
      releasePrintFrame();
      setPrintProblem(null);
    },
    [url],
  );
  return (
    <Modal
      opened={pdf !== null}
      onClose={onClose}
      title={title}
      // As large as the window allows (the viewer fits the page to whatever room it gets).
      size="min(1100px, 94vw)"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {pdf && url && (
        <Stack h="calc(90dvh - 7rem)" mih={400}>
          <Group>
            <Button component="a" href={url} download={pdf.fileName}>
              Save PDF
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setPrintProblem(null);
                printPdf(pdf.bytes, pdf.fileName).catch((error: unknown) => {
                  setPrintProblem(
                    `The PDF could not be printed: ${String(error)}. Save it and print the file.`,
                  );
                });
              }}
            >
              Print
            </Button>
          </Group>
          {printProblem && (
            <Text c="red.9" role="alert">
              {printProblem}
            </Text>
          )}
          <PdfViewer bytes={pdf.bytes} title={pdf.fileName} />
        </Stack>
      )}
    </Modal>
  );
}
