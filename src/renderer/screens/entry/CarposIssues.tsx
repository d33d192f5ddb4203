/** What stands between this order and CARPOS, in plain words, each linked to its field. */
import { Alert, Anchor, List } from '@mantine/core';
import type { ValidationIssue } from '../../../shared/validation';

export function CarposIssues({ issues, level }: { issues: readonly ValidationIssue[]; level: string }) {
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  if (issues.length === 0) {
    return (
      <Alert color="green" title="Ready for CARPOS" data-testid="carpos-issues">
        Nothing is missing for the “{level}” transaction.
      </Alert>
    );
  }
  const focus = (field: string) => {
    const el = document.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`);
    el?.focus();
  };
  return (
    <Alert
      color={errors.length > 0 ? 'orange' : 'yellow'}
      title={`${errors.length} to complete, ${warnings.length} to check`}
      data-testid="carpos-issues"
    >
      <List size="sm" spacing={2}>
        {issues.map((i) => (
          <List.Item key={`${i.code}-${i.field}`}>
            <Anchor
              component="button"
              type="button"
              size="sm"
              c="inherit"
              onClick={() => {
                focus(i.field);
              }}
              td="underline"
            >
              {i.severity === 'error' ? '' : 'Check: '}
              {i.message}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
