// /set-password/<token>: a new user chooses their password through the one-time link an administrator
// gave them, and is signed in.
import { useParams } from 'react-router';
import { setPasswordRequestSchema } from '../../../contract/users';
import { useSetPassword } from './api';
import { OneTimeLinkPage } from './OneTimeLinkPage';
import { PasswordFields } from './PasswordFields';

export function SetPasswordPage() {
  const { token = '' } = useParams();
  return (
    <OneTimeLinkPage
      title="Choose your password"
      intro="This link works once and expires after seven days. Afterwards you sign in with your username and this password."
      submitLabel="Set password and sign in"
      pendingLabel="Saving…"
      schema={setPasswordRequestSchema}
      mutation={useSetPassword()}
      toRequest={(form) => ({ token, password: String(form.get('password') ?? '') })}
      fields={(errors) => <PasswordFields errors={errors} />}
    />
  );
}
