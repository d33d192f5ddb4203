/**
 * How a search result's name matched what was typed, in words (never only a colour), and the order
 * the kinds sort in: exact, similar spelling, sounds like.
 */
import { Badge, Group, Text } from '@mantine/core';
import type { SearchMatchKind } from '../../../shared/api';
import type { SearchHitDto } from '../../../shared/ipc/registry';

export const MATCH_WORDS: Readonly<Record<SearchMatchKind, string>> = {
  exact: 'Exact match',
  similar: 'Similar spelling',
  sounds_like: 'Sounds like',
};

const MATCH_COLORS: Readonly<Record<SearchMatchKind, string>> = {
  exact: 'green',
  similar: 'blue',
  sounds_like: 'grape',
};

const MATCH_ORDER: Readonly<Record<SearchMatchKind, number>> = { exact: 0, similar: 1, sounds_like: 2 };

/** For sorting: exact first, then similar spellings, sound-alikes, then results without a kind. */
export function matchOrder(hit: SearchHitDto): number {
  return hit.match === null || hit.match === undefined ? 3 : MATCH_ORDER[hit.match];
}

const WHOSE_NAME = { alias: 'on an alias', protected: 'on a protected person' } as const;

export function MatchBadge({ hit }: { hit: SearchHitDto }) {
  if (hit.match === null || hit.match === undefined) return <Text size="sm">—</Text>;
  // Which name matched matters when it is not the restrained person's own (shown in its column).
  const whose = hit.matchedOn === 'alias' || hit.matchedOn === 'protected' ? WHOSE_NAME[hit.matchedOn] : null;
  return (
    <Group gap={6} wrap="nowrap">
      {/* A tinted badge with the page's text colour: the light variant's own text colours fall
          below WCAG AA contrast, more so on a striped row. */}
      <Badge
        color={MATCH_COLORS[hit.match]}
        c="var(--mantine-color-text)"
        variant="light"
        tt="none"
        data-testid="match-kind"
      >
        {MATCH_WORDS[hit.match]}
      </Badge>
      {whose !== null && (
        <Text size="xs">
          {whose}
          {hit.matchedName ? ` (${hit.matchedName})` : ''}
        </Text>
      )}
    </Group>
  );
}
