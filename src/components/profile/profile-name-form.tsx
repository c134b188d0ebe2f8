import type { Messages } from "@/i18n/messages/en";
import { NameForm } from "../name-form";

type Props = { name: string; t: Messages["profile"]; errors: Messages["errors"] };

export function ProfileNameForm({ name, t, errors }: Props) {
  return (
    <NameForm
      target="profile"
      name={name}
      maxLength={80}
      autoComplete="name"
      variant="primary"
      t={t}
      errors={errors}
    />
  );
}
