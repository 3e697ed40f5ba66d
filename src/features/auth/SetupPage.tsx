// /setup/<token>: the first administrator of a new installation, through the link the server printed.
import { useParams } from 'react-router';
import { setupRequestSchema } from '../../../contract/users';
import { TextField } from '../../components/FormField';
import { useSetup } from './api';
import { OneTimeLinkPage } from './OneTimeLinkPage';
import { PasswordFields } from './PasswordFields';

export function SetupPage() {
  const { token = '' } = useParams();
  return (
    <OneTimeLinkPage
      title="Set up Tapeline"
      intro="Create the first administrator. This link works once; the server prints a new one at every start until an administrator exists."
      submitLabel="Create administrator"
      pendingLabel="Creating…"
      schema={setupRequestSchema}
      mutation={useSetup()}
      toRequest={(form) => ({
        token,
        username: String(form.get('username') ?? ''),
        firstName: String(form.get('firstName') ?? ''),
        lastName: String(form.get('lastName') ?? ''),
        password: String(form.get('password') ?? ''),
      })}
      fields={(errors) => (
        <>
          <TextField
            label="Username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            required
            error={errors.username}
          />
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              label="First name"
              name="firstName"
              autoComplete="given-name"
              required
              error={errors.firstName}
            />
            <TextField label="Last name" name="lastName" autoComplete="family-name" error={errors.lastName} />
          </div>
          <PasswordFields errors={errors} />
        </>
      )}
    />
  );
}
