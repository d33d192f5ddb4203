/**
 * The pieces the sign-in screen, the lock screen and the registry sign-in dialog share: the password
 * field, the authenticator-code field (digits only, six at most) and the alert that explains a refusal, titled as a security problem when the registry's
 * certificate was refused (that is for IT, not a typing mistake).
 */
import { Alert, PasswordInput, TextInput } from '@mantine/core';
import type { Problem } from '../../shared/errors';

export function PasswordField({
  value,
  onChange,
  disabled = false,
  autoFocus = false,
}: {
  value: string;
  onChange: (password: string) => void;
  disabled?: boolean;
  /** Focused when its dialog or screen opens (Mantine's `data-autofocus`). */
  autoFocus?: boolean;
}) {
  return (
    <PasswordInput
      label="Password"
      autoComplete="current-password"
      value={value}
      onChange={(e) => {
        onChange(e.currentTarget.value);
      }}
      required
      disabled={disabled}
      {...(autoFocus ? { 'data-autofocus': true } : {})}
    />
  );
}

export function CodeInput({
  value,
  onChange,
  disabled = false,
}: {
  value: string;
  onChange: (code: string) => void;
  disabled?: boolean;
}) {
  return (
    <TextInput
      label="6-digit code from your authenticator app"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      value={value}
      onChange={(e) => {
        onChange(e.currentTarget.value.replace(/\D/g, ''));
      }}
      disabled={disabled}
    />
  );
}

export function ProblemAlert({ problem, failed }: { problem: Problem | null; failed: string }) {
  if (!problem) return null;
  return (
    <Alert
      color="red"
      role="alert"
      title={problem.code === 'REGISTRY_CERTIFICATE' ? 'Security problem' : failed}
    >
      {problem.message}
    </Alert>
  );
}
