/**
 * Two panes side by side with a divider between them that a person drags, or moves with the arrow
 * keys once it has focus (a WAI-ARIA window splitter: a focusable `separator` with its value). The
 * ratio is remembered across sessions under `storageKey`; each pane keeps its minimum width, so a
 * narrow window squeezes the first pane before it cuts anything off the second.
 */
import { Box } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import classes from './SplitPane.module.css';
import {
  clampRatio,
  ratioAfterKey,
  ratioRange,
  readRatio,
  writeRatio,
  type RatioLimits,
} from './split-ratio';

const DIVIDER_PX = 12;

function preferences(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function SplitPane({
  first,
  second,
  label,
  valueText,
  controls,
  storageKey,
  defaultRatio,
  minFirst,
  minSecond,
}: {
  first: ReactNode;
  second: ReactNode;
  /** The separator's accessible name, e.g. "Resize the document and the form". */
  label: string;
  /** What the separator's value means in words, e.g. "Document 45% of the width". */
  valueText: (percent: number) => string;
  /** The id of the first pane's element, which the separator resizes (aria-controls). */
  controls: string;
  storageKey: string;
  defaultRatio: number;
  minFirst: number;
  minSecond: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [ratio, setRatio] = useState(() => readRatio(preferences(), storageKey, defaultRatio));
  const [total, setTotal] = useState(0);
  const dragging = useRef(false);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setTotal(Math.max(0, entry.contentRect.width - DIVIDER_PX));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, []);

  const limits: RatioLimits = { total, minFirst, minSecond };
  const shown = clampRatio(ratio, limits);
  const range = ratioRange(limits);

  const keep = useCallback(
    (next: number) => {
      setRatio(next);
      writeRatio(preferences(), storageKey, next);
    },
    [storageKey],
  );

  const ratioAt = (clientX: number): number => {
    const box = container.current?.getBoundingClientRect();
    if (!box || total <= 0) return shown;
    return clampRatio((clientX - box.left - DIVIDER_PX / 2) / total, limits);
  };

  return (
    <Box ref={container} style={{ display: 'flex', flex: 1, minHeight: 0, minWidth: 0 }}>
      <Box
        id={controls}
        style={{
          flex: `0 0 calc(${String(shown * 100)}% - ${(shown * DIVIDER_PX).toFixed(2)}px)`,
          minWidth: 0,
          minHeight: 0,
          display: 'flex',
          flexDirection: 'column',
        }}
      >
        {first}
      </Box>
      <div
        role="separator"
        tabIndex={0}
        aria-label={label}
        aria-controls={controls}
        aria-orientation="vertical"
        aria-valuenow={Math.round(shown * 100)}
        aria-valuemin={range.min}
        aria-valuemax={range.max}
        aria-valuetext={valueText(Math.round(shown * 100))}
        className={classes.divider}
        onKeyDown={(e) => {
          const next = ratioAfterKey(e.key, shown, limits);
          if (next === null) return;
          e.preventDefault();
          keep(next);
        }}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.preventDefault();
          e.currentTarget.setPointerCapture(e.pointerId);
          e.currentTarget.focus();
          dragging.current = true;
        }}
        onPointerMove={(e) => {
          if (dragging.current) setRatio(ratioAt(e.clientX));
        }}
        onPointerUp={(e) => {
          if (!dragging.current) return;
          dragging.current = false;
          e.currentTarget.releasePointerCapture(e.pointerId);
          keep(ratioAt(e.clientX));
        }}
        onPointerCancel={() => {
          dragging.current = false;
          writeRatio(preferences(), storageKey, shown);
        }}
        style={{ flex: `0 0 ${String(DIVIDER_PX)}px` }}
      />
      <Box style={{ flex: 1, minWidth: 0, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        {second}
      </Box>
    </Box>
  );
}
