// A new password and its confirmation, with the one rule every page that sets a password uses.
import { MIN_PASSWORD_LENGTH } from '../../../contract/users';
import { TextField } from '../../components/FormField';
import type { FieldErrors } from './OneTimeLinkPage';

export function PasswordFields({ errors }: { errors: FieldErrors }) {
  return (
    <>
      <TextField
        label={`Password (at least ${MIN_PASSWORD_LENGTH} characters)`}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.password}
      />
      <TextField
        label="Repeat the password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
    </>
  );
}
