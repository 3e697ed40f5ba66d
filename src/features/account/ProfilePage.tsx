// /profile: the signed-in person's password and API keys.
import { PanelCard } from '../../components/PanelCard';
import { ApiKeysSection } from './ApiKeysSection';
import { PasswordForm } from './PasswordForm';

export function ProfilePage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <title>Your profile · Tapeline</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Your profile</h1>
      <PanelCard id="password" title="Password">
        <PasswordForm />
      </PanelCard>
      <PanelCard id="api-keys" title="API keys">
        <ApiKeysSection />
      </PanelCard>
    </div>
  );
}
