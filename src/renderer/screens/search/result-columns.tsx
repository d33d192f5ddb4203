/**
 * The search results table's columns: how each result matched first (the registry sorts by it),
 * dates the court's way, and a button to open the order with its image.
 */
import { Button } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { SearchHitDto } from '../../../shared/ipc/registry';
import { formatCourtDate } from '../../../shared/util/typed-date';
import { MatchBadge, matchOrder } from './MatchBadge';

const personName = (n: { last?: string | undefined; first?: string | undefined }) =>
  [n.last, n.first].filter(Boolean).join(', ');

const courtDate = (iso: string | null) => (iso === null ? '—' : formatCourtDate(iso));

export function resultColumns(onOpen: (hit: SearchHitDto) => void): ColumnDef<SearchHitDto>[] {
  return [
    {
      id: 'match',
      header: 'How it matched',
      // Sorting this column keeps the kinds in order, best score first within each.
      accessorFn: (h) => matchOrder(h) * 10 - (h.score ?? 0),
      cell: ({ row }) => <MatchBadge hit={row.original} />,
    },
    { header: 'Restrained person', accessorFn: (h) => personName(h.restrainedName) },
    { header: 'Date of birth', accessorFn: (h) => courtDate(h.restrainedDob), id: 'dob' },
    { header: 'Case number', accessorFn: (h) => h.caseNumber ?? '—', id: 'case' },
    { header: 'County', accessorKey: 'county' },
    { header: 'Form', accessorFn: (h) => h.formId ?? '—', id: 'form' },
    { header: 'Status', accessorKey: 'status' },
    { header: 'Expires', accessorFn: (h) => courtDate(h.expirationDate), id: 'expires' },
    {
      header: 'Open',
      enableSorting: false,
      cell: ({ row }) => (
        <Button
          size="compact-xs"
          onClick={() => {
            onOpen(row.original);
          }}
          aria-label={`Open order ${row.original.caseNumber ?? row.original.orderId}`}
        >
          Open
        </Button>
      ),
    },
  ];
}
