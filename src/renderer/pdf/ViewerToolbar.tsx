/** The viewer's controls: zoom out / in, the zoom shown in words, fit width, fit page, rotate. */
import { ActionIcon, Button, Group, Text } from '@mantine/core';
import { zoomLabel, type ZoomMode } from './zoom';

export function ViewerToolbar({
  mode,
  disabled,
  pageText,
  onZoomOut,
  onZoomIn,
  onFit,
  onRotate,
}: {
  mode: ZoomMode;
  disabled: boolean;
  /** "Page 1 of 3", or nothing while the document opens. */
  pageText: string | null;
  onZoomOut: () => void;
  onZoomIn: () => void;
  onFit: (kind: 'fit-width' | 'fit-page') => void;
  onRotate: () => void;
}) {
  return (
    <Group gap={6} wrap="wrap" aria-label="Document view" role="toolbar">
      <ActionIcon
        variant="default"
        aria-label="Zoom out"
        title="Zoom out (Ctrl+−)"
        disabled={disabled}
        onClick={onZoomOut}
      >
        −
      </ActionIcon>
      <Text size="sm" miw={64} ta="center" aria-live="polite" data-testid="zoom-level">
        {zoomLabel(mode)}
      </Text>
      <ActionIcon
        variant="default"
        aria-label="Zoom in"
        title="Zoom in (Ctrl+=)"
        disabled={disabled}
        onClick={onZoomIn}
      >
        +
      </ActionIcon>
      <Button
        size="compact-sm"
        variant={mode.kind === 'fit-width' ? 'filled' : 'default'}
        aria-pressed={mode.kind === 'fit-width'}
        title="Fit the page's width to the viewer (Ctrl+0)"
        disabled={disabled}
        onClick={() => {
          onFit('fit-width');
        }}
      >
        Fit width
      </Button>
      <Button
        size="compact-sm"
        variant={mode.kind === 'fit-page' ? 'filled' : 'default'}
        aria-pressed={mode.kind === 'fit-page'}
        title="Show the whole page"
        disabled={disabled}
        onClick={() => {
          onFit('fit-page');
        }}
      >
        Fit page
      </Button>
      <ActionIcon
        variant="default"
        aria-label="Rotate the view a quarter turn"
        title="Rotate the view a quarter turn (the stored file does not change)"
        disabled={disabled}
        onClick={onRotate}
      >
        ⟳
      </ActionIcon>
      {pageText && <Text size="sm">{pageText}</Text>}
    </Group>
  );
}
